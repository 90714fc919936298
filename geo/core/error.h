#pragma once
#include <stdexcept>
#include <string>

namespace geo {

// Bad or missing input. what() is a full sentence naming the file and what is wrong/expected.
struct DataError : std::runtime_error {
    std::string file;
    DataError(std::string file_, const std::string& msg)
        : std::runtime_error(file_.empty() ? msg : file_ + ": " + msg), file(std::move(file_)) {}
};

}  // namespace geo
