// Dutch/English UI strings. Keys are the English text; tr() returns the Dutch text when the language is NL.
// Dutch is the default (the congress speaks Dutch).
#pragma once
#include <span>
#include <string>

namespace viewer {

enum class Lang { NL, EN };
void set_lang(Lang l);
Lang lang();
const char* tr(const char* english);  // returns english itself when no translation is known or lang()==EN

// The one translation table, as written (for tests: every key once, every key with a Dutch text).
struct Translation {
    const char* en;
    const char* nl;
};
std::span<const Translation> translations();

std::string format_int(double v);     // 161738 -> "161.738" (NL) or "161,738" (EN)
std::string format_num(double v, int decimals);  // decimal comma in NL
std::string lower_first(std::string s);            // "Fiets" -> "fiets" (for use inside a sentence)
// A default file name in the current language: ("trekkaart-figures", ".csv") -> "trekkaart-cijfers.csv" (NL) or
// "trekkaart-figures.csv" (EN). The stems are keys of the table.
std::string default_file_name(const char* english_stem, const char* ext);

// Issue 16: a text the catalogue holds in both languages -- the one of the current language (never the other:
// an empty Dutch note stays empty rather than leaking English onto the Dutch map).
const std::string& by_lang(const std::string& nl, const std::string& en);

}  // namespace viewer
