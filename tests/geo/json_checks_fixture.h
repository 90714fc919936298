// For tests of checks on a JSON tree (geo/io/json_checks.h and the checks built on it): a parsed value, and the
// "file:line:col: message" a check throws.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "geo/io/json.h"

inline geo::json::Value json_parsed(const std::string& text) {
    geo::json::Value v;
    geo::json::ParseError e;
    EXPECT_TRUE(geo::json::parse(text, v, e)) << e.message;
    return v;
}

// What the check throws as geo::json::Error (the test fails when it throws nothing).
inline std::string json_error_of(const std::function<void()>& check) {
    try {
        check();
    } catch (const geo::json::Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
}
