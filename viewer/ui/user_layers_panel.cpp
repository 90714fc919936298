#include "viewer/ui/user_layers_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "geo/io/user_layer.h"
#include "viewer/model/i18n.h"
#include "viewer/model/ramp.h"
#include "viewer/model/style.h"
#include "viewer/ui/colours.h"
#include "viewer/ui/file_browser.h"

namespace viewer {

namespace fs = std::filesystem;

std::string default_recent_layers_path() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return (fs::path(x) / "trekkaart" / "recent_layers.txt").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home ? home : ".") / ".config" / "trekkaart" / "recent_layers.txt").string();
}

std::vector<std::string> read_recent_layers(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line) && out.size() < 8)
        if (!line.empty() && std::find(out.begin(), out.end(), line) == out.end()) out.push_back(line);
    return out;
}

std::string remember_recent_layer(const std::string& path, const std::string& spec) {
    std::vector<std::string> r = read_recent_layers(path);
    r.erase(std::remove(r.begin(), r.end(), spec), r.end());
    r.insert(r.begin(), spec);
    if (r.size() > 8) r.resize(8);
    std::string text;
    for (const auto& s : r) text += s + "\n";
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    return geo::write_file_atomic(path, text);
}

struct UserLayersPanel::Job {
    std::string spec;
    std::atomic<double> progress{-1};
    std::atomic<bool> cancel{false};
    // The layer and its hover index (built on the worker too); throws the reader's DataError.
    std::future<std::pair<std::shared_ptr<geo::UserLayer>, std::shared_ptr<const UserFeatureIndex>>> result;
};

UserLayersPanel::UserLayersPanel(const geo::Dataset& data, std::string recent_path)
    : data_(data), recent_path_(std::move(recent_path)), recent_(read_recent_layers(recent_path_)) {
    std::error_code ec;
    browse_dir_ = fs::current_path(ec).string();
}

UserLayersPanel::~UserLayersPanel() {
    if (job_) {
        job_->cancel = true;
        job_->result.wait();
    }
}

bool UserLayersPanel::start(const std::string& spec) {
    if (job_ || spec.empty()) return false;
    job_ = std::make_unique<Job>();
    job_->spec = spec;
    Job* j = job_.get();
    geo::UserLayerOptions o;
    o.region = data_.region_bbox;
    o.progress = [j](double f) {
        j->progress = f;
        return !j->cancel.load();
    };
    j->result = std::async(std::launch::async, [spec, o] {
        auto l = std::make_shared<geo::UserLayer>(geo::read_user_layer(spec, o));
        auto ix = UserFeatureIndex::build(*l);
        return std::make_pair(std::move(l), std::move(ix));
    });
    message_.clear();
    return true;
}

bool UserLayersPanel::poll(MapView& view) {
    if (!job_ || job_->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    std::unique_ptr<Job> j = std::move(job_);
    try {
        auto [l, ix] = j->result.get();
        UserLayerEntry e;
        e.index = std::move(ix);
        e.style = default_user_style(*l, int(view.user_layers.size()));
        e.id = next_id_++;
        message_.clear();
        for (const auto& w : l->data.warnings) message_ += w + "\n";
        e.layer = std::move(l);
        view.user_layers.push_back(std::move(e));
        if (std::string err = remember_recent_layer(recent_path_, j->spec); !err.empty()) message_ += err + "\n";
        recent_ = read_recent_layers(recent_path_);
        return true;
    } catch (const std::exception& e) {  // the reader's DataError (or LoadCancelled), naming the file

        message_ = e.what();
    }
    return false;
}

void UserLayersPanel::ui(MapView& view, float dpi) {
    poll(view);
    if (!ImGui::CollapsingHeader(tr("Your layers"), ImGuiTreeNodeFlags_DefaultOpen)) return;
    ui_layer_list(view, dpi);
    ui_add(dpi, view.user_layers.empty());
}

// Open at first while there are no layers yet.
void UserLayersPanel::ui_add(float dpi, bool open_first) {
    if (!ImGui::TreeNodeEx(tr("Add layer"), open_first ? ImGuiTreeNodeFlags_DefaultOpen : 0)) return;
    ImGui::PushItemWidth(-1);
    const bool enter = ImGui::InputTextWithHint("##layerpath", tr("Path, folder or PG: connection"), path_, sizeof path_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopItemWidth();
    if ((ImGui::Button(tr("Add")) || enter) && !loading()) start(path_);
    if (job_) {
        const double p = job_->progress.load();
        ImGui::ProgressBar(p < 0 ? 0.0f : float(p), ImVec2(-60 * dpi, 0), p < 0 ? tr("Loading") : nullptr);
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"))) job_->cancel = true;
    }
    if (!message_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.2f, 0.1f, 1));
        ImGui::TextWrapped("%s", message_.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", tr("Drop a file on the map to add it as a layer."));
    ImGui::PopStyleColor();
    if (!recent_.empty() && ImGui::TreeNode(tr("Recent files"))) {
        for (size_t i = 0; i < recent_.size(); ++i)
            if (ImGui::Selectable((recent_[i] + "##recent" + std::to_string(i)).c_str()) && !loading()) start(recent_[i]);
        ImGui::TreePop();
    }
    ui_browser(dpi);
    ImGui::TreePop();
}

// The small folder browser (file_browser.h): files GDAL may read, into the path field.
void UserLayersPanel::ui_browser(float dpi) { ui_folder_browser("##browser", browse_dir_, path_, sizeof path_, dpi); }

// The colour shown beside a layer's name: its single colour, else its first class's.
static RGBA swatch(const UserLayerEntry& e) {
    switch (e.style.kind) {
        case UserStyleKind::Single: return e.style.colour;
        case UserStyleKind::Categorized: return categorical_colour(0);
        case UserStyleKind::Graduated: break;
    }
    return ramp_at(e.style.ramp, 0.5f);
}

void UserLayersPanel::ui_layer_list(MapView& view, float dpi) {
    auto& layers = view.user_layers;
    int move = -1, dir = 0, remove = -1;
    // The top layer first, as in the legend of a GIS.
    for (int i = int(layers.size()) - 1; i >= 0; --i) {
        UserLayerEntry& e = layers[size_t(i)];
        ImGui::PushID(e.id);
        ImGui::Checkbox("##vis", &e.style.visible);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Visible"));
        ImGui::SameLine();
        ImGui::ColorButton("##sw", im(swatch(e)), ImGuiColorEditFlags_NoTooltip, ImVec2(12 * dpi, 12 * dpi));
        ImGui::SameLine();
        const std::string label = e.layer->name + "  (" + std::to_string(e.layer->data.features.size()) + ")";
        if (ImGui::Selectable(label.c_str(), open_style_ == e.id, 0, ImVec2(150 * dpi, 0)))
            open_style_ = open_style_ == e.id ? -1 : e.id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.layer->spec.c_str());
        ImGui::SameLine();
        if (ImGui::ArrowButton("##up", ImGuiDir_Up)) move = i, dir = +1;
        ImGui::SameLine();
        if (ImGui::ArrowButton("##down", ImGuiDir_Down)) move = i, dir = -1;
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Remove"));
        if (open_style_ == e.id) {
            ui_style(e, dpi);
            ui_use(e, dpi);
        }
        ImGui::PopID();
    }
    if (move >= 0 && move + dir >= 0 && move + dir < int(layers.size())) std::swap(layers[size_t(move)], layers[size_t(move + dir)]);
    if (remove >= 0) {
        if (ua_) {  // what the layer was used for goes back to the default (catalogue, no zones, the run's roads)
            ua_->layer_removed(layers[size_t(remove)].id);
            if (changed_) changed_(true);
        }
        use_.erase(layers[size_t(remove)].id);
        layers.erase(layers.begin() + remove);
    }
}

namespace {

void field_combo(const char* title, std::string& f, const std::vector<std::string>& fields, const char* none) {
    if (!ImGui::BeginCombo(title, f.empty() ? none : f.c_str())) return;
    if (ImGui::Selectable(none, f.empty())) f.clear();
    for (const auto& name : fields)
        if (ImGui::Selectable(name.c_str(), f == name)) f = name;
    ImGui::EndCombo();
}

bool category_combo(const char* title, int& c, bool allow_none) {
    const char* cur = c < 0 ? tr("not used") : tr(category_style(geo::Category(c)).label_en);
    bool changed = false;
    if (!ImGui::BeginCombo(title, cur)) return false;
    if (allow_none && ImGui::Selectable(tr("not used"), c < 0)) c = -1, changed = true;
    for (int k = 0; k < geo::kCategoryCount; ++k)
        if (ImGui::Selectable(tr(category_style(geo::Category(k)).label_en), c == k)) c = k, changed = true;
    ImGui::EndCombo();
    return changed;
}

const ImVec4 kErrorColour(0.75f, 0.2f, 0.1f, 1);

}  // namespace

// issue 12: "Gebruik in de analyse / Use in the analysis": what the layer's geometry allows.
void UserLayersPanel::ui_use(const UserLayerEntry& e, float dpi) {
    if (!ua_) return;
    const geo::UserLayer& l = *e.layer;
    UseState& u = use_[e.id];
    ImGui::Indent(12 * dpi);
    ImGui::PushItemWidth(170 * dpi);
    if (ImGui::TreeNodeEx(tr("Use in the analysis"), ImGuiTreeNodeFlags_DefaultOpen)) {
        if (l.point_count > 0) ui_use_venues(e, u);
        if (l.polygon_count > 0) {
            ImGui::TextDisabled("%s", tr("Zones for the figures"));
            field_combo(tr("Zone name"), u.zone_name_field, l.data.fields, tr("none"));
            if (ua_->zones_layer() == e.id) {
                if (ImGui::Button(tr("No zones"))) {
                    ua_->no_zones();
                    if (changed_) changed_(false);
                }
            } else if (ImGui::Button(tr("Use as zones"))) {
                u.message = ua_->use_zones(l, e.id, u.zone_name_field);
                if (u.message.empty() && changed_) changed_(false);
            }
        }
        if (l.line_count > 0) {
            ImGui::TextDisabled("%s", tr("Road network"));
            field_combo(tr("Road class"), u.road_class_field, l.data.fields, tr("automatic"));
            if (ua_->roads_layer() == e.id) {
                ImGui::TextUnformatted((std::to_string(ua_->roads()->roads.size()) + " " + tr("roads in use")).c_str());
                if (ImGui::Button(tr("No road network (estimates)"))) {
                    ua_->no_roads();
                    if (changed_) changed_(false);
                }
            } else if (ImGui::Button(tr("Use as road network"))) {
                u.message = ua_->use_roads(l, e.id, u.road_class_field);
                if (u.message.empty() && changed_) changed_(false);
            }
        }
        if (!u.message.empty()) ImGui::TextColored(kErrorColour, "%s", u.message.c_str());
        ImGui::TreePop();
    }
    ImGui::PopItemWidth();
    ImGui::Unindent(12 * dpi);
}

// A point layer as the venue set: its fields, its category values through the vocabulary (the unmapped ones can be
// mapped here), replace or extend the catalogue.
void UserLayersPanel::ui_use_venues(const UserLayerEntry& e, UseState& u) {
    const geo::UserLayer& l = *e.layer;
    VenueSetMapping& m = u.venues;
    ImGui::TextDisabled("%s", tr("Use as venues"));
    field_combo(tr("Name"), m.name_field, l.data.fields, tr("none"));
    field_combo(tr("Category"), m.category_field, l.data.fields, tr("one for all"));
    if (m.category_field.empty()) {
        int c = int(m.fixed_category);
        if (category_combo(tr("Category of every point"), c, false)) m.fixed_category = geo::Category(c);
    } else {
        const auto values = category_values(l, m.category_field);
        int shown = 0;
        for (const CategoryValue& v : values) {
            if (++shown > 8) {
                ImGui::TextDisabled("+ %zu %s", values.size() - 8, tr("more values"));
                break;
            }
            auto it = m.category_map.find(v.value);
            int c = it != m.category_map.end() ? int(it->second) : v.category;
            const std::string label = (v.value.empty() ? std::string("(") + tr("empty") + ")" : v.value) + " (" +
                                      std::to_string(v.count) + ")";
            ImGui::PushID(shown);
            if (category_combo(label.c_str(), c, true)) {
                if (c >= 0) m.category_map[v.value] = geo::Category(c);
                else m.category_map.erase(v.value);
            }
            if (c < 0 && !v.suggestion.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s %s?", tr("did you mean"), v.suggestion.c_str());
            }
            ImGui::PopID();
        }
    }
    field_combo(tr("Capacity"), m.capacity_field, l.data.fields, tr("none"));
    int mode = m.extend ? 1 : 0;
    ImGui::RadioButton(tr("Replace the catalogue"), &mode, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr("Add to it"), &mode, 1);
    m.extend = mode == 1;
    if (ua_->venues().layer_id() == e.id) {
        ImGui::TextUnformatted(ua_->venues().source_text().c_str());
        if (ImGui::Button(tr("Apply again"))) {
            u.message = ua_->use_venues(l, e.id, m, &u.note);
            if (changed_) changed_(true);
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Back to the catalogue"))) {
            ua_->use_catalogue();
            u.note.clear();
            if (changed_) changed_(true);
        }
    } else if (ImGui::Button(tr("Use as venues"))) {
        u.message = ua_->use_venues(l, e.id, m, &u.note);
        if (u.message.empty() && changed_) changed_(true);
    }
    if (!u.note.empty()) ImGui::TextWrapped("%s", u.note.c_str());
}

void UserLayersPanel::ui_style(UserLayerEntry& e, float dpi) {
    UserLayerStyle& st = e.style;
    const auto& fields = e.layer->data.fields;
    ImGui::Indent(12 * dpi);
    ImGui::PushItemWidth(170 * dpi);
    int kind = int(st.kind);
    const char* kinds[] = {tr("Single symbol"), tr("Categorized"), tr("Graduated")};
    ImGui::Combo(tr("Style"), &kind, kinds, 3);
    st.kind = UserStyleKind(kind);
    auto field_combo = [&](const char* title, std::string& f, bool allow_none) {
        if (!ImGui::BeginCombo(title, f.empty() ? tr("none") : f.c_str())) return;
        if (allow_none && ImGui::Selectable(tr("none"), f.empty())) f.clear();
        for (const auto& name : fields)
            if (ImGui::Selectable(name.c_str(), f == name)) f = name;
        ImGui::EndCombo();
    };
    if (st.kind == UserStyleKind::Single) {
        float c[3] = {st.colour.r, st.colour.g, st.colour.b};
        if (ImGui::ColorEdit3(tr("Colour"), c, ImGuiColorEditFlags_NoInputs)) st.colour = {c[0], c[1], c[2], 1};
    } else {
        if (st.field.empty() && !fields.empty()) st.field = fields[0];
        field_combo(tr("Field"), st.field, false);
    }
    if (st.kind == UserStyleKind::Graduated) {
        int m = int(st.method);
        const char* methods[] = {tr("Quantile"), tr("Equal interval"), tr("Natural breaks")};
        ImGui::Combo(tr("Method"), &m, methods, 3);
        st.method = ClassMethod(m);
        ImGui::SliderInt(tr("Classes"), &st.classes, 2, 9);
        int r = int(st.ramp);
        const char* ramps[] = {"viridis", "cividis", "magma"};
        ImGui::Combo(tr("Ramp"), &r, ramps, 3);
        st.ramp = Ramp(r);
    }
    if (st.kind != UserStyleKind::Single) {
        const UserClasses c = classify(*e.layer, st);
        if (!c.error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.2f, 0.1f, 1), "%s", c.error.c_str());
    }
    field_combo(tr("Labels"), st.label_field, true);
    ImGui::SliderFloat(tr("Opacity"), &st.opacity, 0, 1, "%.2f");
    ImGui::PopItemWidth();
    ImGui::Unindent(12 * dpi);
}

bool UserLayersPanel::ui_tooltip(const MapView& view, geo::P2 px) {
    const UserPick p = pick_user_feature(view.user_layers, view.cam, px, view.ui_scale);
    if (p.layer < 0) return false;
    const UserLayerEntry& e = view.user_layers[size_t(p.layer)];
    const geo::Feature& f = e.layer->data.features[p.feature];
    ImGui::BeginTooltip();
    ImGui::TextDisabled("%s", e.layer->name.c_str());
    int shown = 0;
    for (const auto& name : e.layer->data.fields) {
        const std::string& v = f.get(name);
        if (v.empty()) continue;
        if (++shown > 14) {
            ImGui::TextDisabled("...");
            break;
        }
        ImGui::Text("%s: %s", name.c_str(), v.c_str());
    }
    ImGui::EndTooltip();
    return true;
}

bool UserLayersPanel::select_at(const MapView& view, geo::P2 px) {
    const UserPick p = pick_user_feature(view.user_layers, view.cam, px, view.ui_scale);
    selected_layer_id_ = p.layer < 0 ? -1 : view.user_layers[size_t(p.layer)].id;
    selected_feature_ = p.feature;
    return p.layer >= 0;
}

void UserLayersPanel::ui_info(const MapView& view, float dpi, std::vector<geo::BBox>& rects) {
    if (selected_layer_id_ < 0) return;
    const UserLayerEntry* e = nullptr;
    for (const auto& l : view.user_layers)
        if (l.id == selected_layer_id_) e = &l;
    if (!e || selected_feature_ >= e->layer->data.features.size()) {  // removed meanwhile
        selected_layer_id_ = -1;
        return;
    }
    const geo::Feature& f = e->layer->data.features[selected_feature_];
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x - 340 * dpi, 60 * dpi), ImGuiCond_Appearing);
    ImGui::SetNextWindowSizeConstraints(ImVec2(220 * dpi, 0), ImVec2(330 * dpi, 420 * dpi));
    bool open = true;
    ImGui::Begin((e->layer->name + "###userinfo").c_str(), &open, ImGuiWindowFlags_AlwaysAutoResize);
    const ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
    rects.push_back({p.x, p.y, p.x + sz.x, p.y + sz.y});
    if (ImGui::BeginTable("##attrs", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        for (const auto& name : e->layer->data.fields) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", f.get(name).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::End();
    if (!open) selected_layer_id_ = -1;
}

}  // namespace viewer
