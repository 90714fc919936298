#include "viewer/engine/candidates.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "geo/io/json.h"

namespace viewer {

namespace json = geo::json;

std::string default_candidates_path() {
    namespace fs = std::filesystem;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return (fs::path(x) / "trekkaart" / "candidates.json").string();
    if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".config" / "trekkaart" / "candidates.json").string();
    return "trekkaart-candidates.json";
}

std::vector<Candidate> read_candidates(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw geo::DataError(path, std::string("cannot open the candidates file (") + std::strerror(errno) + ")");
    std::stringstream ss;
    ss << f.rdbuf();
    json::Value root;
    json::ParseError err;
    if (!json::parse(ss.str(), root, err)) throw json::Error(path, err.pos, err.message);
    const json::Value* arr = root.type == json::Value::Object ? root.find("candidates") : nullptr;
    if (!arr || arr->type != json::Value::Array)
        throw json::Error(path, arr ? arr->pos : root.pos, "expected an object with a \"candidates\" array");
    std::vector<Candidate> out;
    for (size_t i = 0; i < arr->arr.size(); ++i) {
        const json::Value& o = arr->arr[i];
        const std::string where = "candidate " + std::to_string(i + 1) + ": ";
        const json::Value *x = o.find("x"), *y = o.find("y"), *cat = o.find("category"), *name = o.find("name");
        if (!x || !y || x->type != json::Value::Number || y->type != json::Value::Number)
            throw json::Error(path, o.pos, where + "needs numeric \"x\" and \"y\" (RD metres)");
        Candidate c;
        c.pos = {x->num, y->num};
        if (!cat || cat->type != json::Value::String || !geo::category_from_key(cat->str, c.category))
            throw json::Error(path, cat ? cat->pos : o.pos, where + "unknown or missing \"category\"");
        if (name && name->type == json::Value::String) c.name = name->str;
        out.push_back(std::move(c));
    }
    return out;
}

void write_candidates(const std::vector<Candidate>& cs, const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path p(path);
    if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
    std::string text = "{\n  \"version\": 1,\n  \"candidates\": [";
    for (size_t i = 0; i < cs.size(); ++i) {
        char num[96];
        std::snprintf(num, sizeof num, "\"x\": %.2f, \"y\": %.2f", cs[i].pos.x, cs[i].pos.y);
        text += std::string(i ? "," : "") + "\n    {\"name\": " + json::quote(cs[i].name) + ", \"category\": \"" +
                geo::category_key(cs[i].category) + "\", " + num + "}";
    }
    text += cs.empty() ? "]\n}\n" : "\n  ]\n}\n";
    const std::string err = geo::write_file_atomic(path, text);  // names the path and says the old file is kept
    if (!err.empty()) geo::throw_write_error(path, err);
}

}  // namespace viewer
