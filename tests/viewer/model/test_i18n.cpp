// The one translation table (viewer/model/i18n.h): complete, unambiguous, and English passes through.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>

#include "viewer/model/i18n.h"

using namespace viewer;

namespace {

// Sets the language for one test and puts the previous one back.
struct LangGuard {
    Lang before = lang();
    explicit LangGuard(Lang l) { set_lang(l); }
    ~LangGuard() { set_lang(before); }
};

}  // namespace

TEST(I18n, EveryKeyHasADutchText) {
    ASSERT_FALSE(translations().empty());
    for (const Translation& t : translations()) {
        ASSERT_NE(t.en, nullptr);
        ASSERT_NE(t.nl, nullptr) << t.en;
        EXPECT_STRNE(t.en, "");
        EXPECT_STRNE(t.nl, "") << "no Dutch for \"" << t.en << "\"";
    }
}

TEST(I18n, NoKeyHasTwoTexts) {
    std::map<std::string, std::string> seen;
    for (const Translation& t : translations()) {
        auto [it, fresh] = seen.emplace(t.en, t.nl);
        if (!fresh) {
            EXPECT_EQ(it->second, t.nl) << "\"" << t.en << "\" is translated twice, differently";
        }
    }
}

TEST(I18n, DutchComesFromTheTable) {
    LangGuard g(Lang::NL);
    for (const Translation& t : translations()) EXPECT_STREQ(tr(t.en), t.nl) << t.en;
    // The term the window's layer list shows; the analysis panel's figures table once said "Locaties".
    EXPECT_STREQ(tr("Venues"), "Cultuurlocaties");
    // Unknown text is shown as it is.
    const char* unknown = "no such key in the table";
    EXPECT_EQ(tr(unknown), unknown);
}

TEST(I18n, EnglishIsTheKeyItself) {
    LangGuard g(Lang::EN);
    for (const Translation& t : translations()) EXPECT_EQ(tr(t.en), t.en) << t.en;  // the same pointer: no copy
    const char* unknown = "no such key in the table";
    EXPECT_EQ(tr(unknown), unknown);
}
