#include "viewer/ui/app.h"

#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/venue_edits.h"
#include "viewer/output/export.h"
#include "viewer/engine/scene_analysis.h"
#include "viewer/render/gl.h"
#include "viewer/model/i18n.h"
#include "viewer/ui/ui_analysis.h"
#include "viewer/model/venue_editor.h"

namespace viewer {

using geo::P2;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower((unsigned char)c));
    return s;
}

void setup_imgui_fonts(float size, ImFont** regular, ImFont** bold) {
    ImGuiIO& io = ImGui::GetIO();
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder b;
        b.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
        static const ImWchar extra[] = {0x0100, 0x017F, 0x2010, 0x2027, 0x2030, 0x205E, 0x20AC, 0x20AC,
                                        0x2190, 0x2193, 0x00B2, 0x00B3, 0x2264, 0x2265, 0};
        b.AddRanges(extra);
        b.BuildRanges(&ranges);
    }
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    *regular = nullptr;
    if (std::filesystem::exists(kDefaultRegularFont))
        *regular = io.Fonts->AddFontFromFileTTF(kDefaultRegularFont, size, &cfg, ranges.Data);
    if (std::filesystem::exists(kDefaultBoldFont))
        *bold = io.Fonts->AddFontFromFileTTF(kDefaultBoldFont, size, &cfg, ranges.Data);
    if (!*regular) *regular = io.Fonts->AddFontDefault();
    if (!*bold) *bold = *regular;
}

void style_imgui(float scale) {
    ImGuiStyle& st = ImGui::GetStyle();
    ImGui::StyleColorsLight(&st);
    st.WindowRounding = 4;
    st.FrameRounding = 3;
    st.WindowBorderSize = 1;
    st.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 0.94f);
    st.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.86f, 0.85f, 0.82f, 1);
    st.Colors[ImGuiCol_TitleBg] = ImVec4(0.92f, 0.91f, 0.89f, 1);
    // Check boxes, sliders and text fields need a visible frame on the white panels (the light style has none).
    st.FrameBorderSize = 1;
    st.Colors[ImGuiCol_Border] = ImVec4(0.55f, 0.53f, 0.50f, 0.45f);
    st.Colors[ImGuiCol_FrameBg] = ImVec4(0.95f, 0.94f, 0.92f, 1);
    st.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.88f, 0.90f, 0.95f, 1);
    st.ScaleAllSizes(scale);
}

ImVec4 im(RGBA c) { return ImVec4(c.r, c.g, c.b, c.a); }

}  // namespace

App::App(geo::Dataset& data, SDL_Window* win, float dpi_scale, AnalysisOptions analysis)
    : data_(data), win_(win), dpi_(dpi_scale) {
    renderer_ = std::make_unique<MapRenderer>(data_);
    analysis_ = std::make_unique<AnalysisPanel>(data_, std::move(analysis));
    editor_ = std::make_unique<VenueEditor>(data_, geo::default_venue_edits_path());
    // The analysis worker reads the venues: let it finish before they change, then recompute.
    editor_->before_change = [this] { analysis_->analysis().wait(600); };
    editor_->after_change = [this](int index, bool removed) {
        analysis_->venues_changed(index, removed);
        if (selected.kind == Pick::Venue) {
            if (index < 0 || (removed && selected.index == index)) selected = {};
            else if (removed && selected.index > index) --selected.index;
        }
        edit_index_ = -2;  // reload the edit fields
    };
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    setup_imgui_fonts(16.0f * dpi_, &font_, &font_bold_);
    style_imgui(dpi_);
    ImGui_ImplSDL2_InitForOpenGL(win_, SDL_GL_GetCurrentContext());
    ImGui_ImplOpenGL3_Init("#version 330 core");
    view_.cam.w = 1280;
    view_.cam.h = 800;
    fit_twente();
}

App::~App() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

bool App::animating() const {
    // A magnified interim picture (zooming) is followed by a sharp one when the zoom stops.
    return fly_to_.has_value() || analysis_->analysis().busy() || pan_cache_.interim;
}

void App::fit_twente() {
    fly_from_.reset();
    fly_to_.reset();
    view_.cam.fit(data_.twente_bbox, 24 * view_.ui_scale);
}

void App::fly_to(const geo::BBox& b) {
    Camera target = view_.cam;
    target.fit(b, 80 * view_.ui_scale);
    fly_from_ = view_.cam;
    fly_to_ = target;
    fly_t_ = 0;
}

void App::remember_window() {
    ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
    panel_rects_.push_back({p.x, p.y, p.x + sz.x, p.y + sz.y});
}

Pick App::pick_at(P2 px) const {
    Pick p;
    const float r = MapRenderer::venue_symbol_px(view_) * 0.5f + 3 * view_.ui_scale;
    double best = r * r;
    if (view_.layers.venues)
        for (size_t i = 0; i < data_.venues.size(); ++i) {
            const auto& v = data_.venues[i];
            if (!view_.layers.categories[int(v.category)]) continue;
            P2 s = view_.cam.to_screen(v.pos);
            double d2 = (s.x - px.x) * (s.x - px.x) + (s.y - px.y) * (s.y - px.y);
            if (d2 <= best) { best = d2; p = {Pick::Venue, int(i)}; }
        }
    if (p.kind != Pick::None) return p;
    P2 w = view_.cam.to_world(px);
    for (size_t i = 0; i < data_.municipalities.size(); ++i) {
        const auto& m = data_.municipalities[i];
        if (m.bbox.contains(w) && geo::point_in_multipolygon(m.geom, w)) return {Pick::Municipality, int(i)};
    }
    return p;
}

bool App::handle_event(const void* ev_) {
    const SDL_Event& ev = *static_cast<const SDL_Event*>(ev_);
    ImGui_ImplSDL2_ProcessEvent(&ev);
    ImGuiIO& io = ImGui::GetIO();
    if (analysis_->handle_event(&ev, io.WantCaptureMouse, fb_per_win_, view_.cam)) return true;  // what-if tool
    switch (ev.type) {
        case SDL_QUIT: return false;
        case SDL_MOUSEMOTION:
            mouse_px_ = {ev.motion.x * fb_per_win_, ev.motion.y * fb_per_win_};
            if (dragging_) {
                view_.cam.pan_pixels(ev.motion.xrel * fb_per_win_, ev.motion.yrel * fb_per_win_);
                fly_to_.reset();
            }
            break;
        case SDL_MOUSEBUTTONDOWN:
            if (!io.WantCaptureMouse && ev.button.button == SDL_BUTTON_LEFT) {
                dragging_ = true;
                mouse_px_ = {ev.button.x * fb_per_win_, ev.button.y * fb_per_win_};
                press_px_ = mouse_px_;
            }
            break;
        case SDL_MOUSEBUTTONUP:
            if (ev.button.button == SDL_BUTTON_LEFT && dragging_) {
                dragging_ = false;
                const P2 up{ev.button.x * fb_per_win_, ev.button.y * fb_per_win_};
                if (geo::dist(up, press_px_) < 4 * view_.ui_scale) {  // a click, not a drag
                    if (place_ != Place::None) place_at(view_.cam.to_world(up));  // venue editor: move / add here
                    else selected = pick_at(up);                                  // select what is there
                }
            }
            break;
        case SDL_MOUSEWHEEL:
            if (!io.WantCaptureMouse) {
                double f = std::pow(1.2, ev.wheel.preciseY != 0 ? ev.wheel.preciseY : ev.wheel.y);
                view_.cam.zoom_about(mouse_px_, f);
                fly_to_.reset();
                last_zoom_ = std::chrono::steady_clock::now();
            }
            break;
        case SDL_KEYDOWN:
            if (io.WantCaptureKeyboard) break;
            switch (ev.key.keysym.sym) {
                case SDLK_HOME:
                case SDLK_t: fit_twente(); break;
                case SDLK_PLUS:
                case SDLK_EQUALS:
                case SDLK_KP_PLUS: view_.cam.zoom_about({view_.cam.w / 2.0, view_.cam.h / 2.0}, 1.5); break;
                case SDLK_MINUS:
                case SDLK_KP_MINUS: view_.cam.zoom_about({view_.cam.w / 2.0, view_.cam.h / 2.0}, 1 / 1.5); break;
                case SDLK_TAB: show_panels = !show_panels; break;
                case SDLK_ESCAPE:
                    if (place_ != Place::None) place_ = Place::None;
                    else selected = {};
                    break;
                case SDLK_LEFT: view_.cam.pan_pixels(100, 0); break;
                case SDLK_RIGHT: view_.cam.pan_pixels(-100, 0); break;
                case SDLK_UP: view_.cam.pan_pixels(0, 100); break;
                case SDLK_DOWN: view_.cam.pan_pixels(0, -100); break;
                default: break;
            }
            break;
        default: break;
    }
    return true;
}

void App::ui_panels(int win_w, int win_h) {
    const float s = dpi_;
    ImGui::SetNextWindowPos(ImVec2(10 * s, 10 * s), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(250 * s, 0), ImVec2(330 * s, win_h - 60 * s));
    ImGui::Begin("trekkaart", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    remember_window();
    // Search.
    ImGui::PushItemWidth(-1);
    ImGui::InputTextWithHint("##search", tr("Search venue or municipality"), search_, sizeof search_);
    ImGui::PopItemWidth();
    std::string q = lower(search_);
    if (q.size() >= 2) {
        int shown = 0;
        for (size_t i = 0; i < data_.municipalities.size() && shown < 8; ++i) {
            const auto& m = data_.municipalities[i];
            if (lower(m.name).find(q) == std::string::npos) continue;
            ++shown;
            std::string lbl = m.label + "  (" + tr("Municipality") + ")##m" + std::to_string(i);
            if (ImGui::Selectable(lbl.c_str())) {
                fly_to(m.bbox);
                selected = {Pick::Municipality, int(i)};
                search_[0] = 0;
            }
        }
        for (size_t i = 0; i < data_.venues.size() && shown < 12; ++i) {
            const auto& v = data_.venues[i];
            if (lower(v.name).find(q) == std::string::npos) continue;
            ++shown;
            std::string lbl = v.name + "##v" + std::to_string(i);
            if (ImGui::Selectable(lbl.c_str())) {
                fly_to(geo::BBox{v.pos.x - 1500, v.pos.y - 1500, v.pos.x + 1500, v.pos.y + 1500});
                selected = {Pick::Venue, int(i)};
                search_[0] = 0;
            }
        }
        if (shown == 0) ImGui::TextDisabled("—");
    }
    ImGui::Separator();
    if (ImGui::CollapsingHeader(tr("Layers"), ImGuiTreeNodeFlags_DefaultOpen)) {
        LayerToggles& l = view_.layers;
        ImGui::Checkbox(tr("Municipalities"), &l.choropleth);
        ImGui::SameLine();
        ImGui::Checkbox(tr("Labels"), &l.labels);
        ImGui::Checkbox(tr("Neighbouring municipalities"), &l.context);
        ImGui::Checkbox(tr("Rail"), &l.rail);
        ImGui::SameLine();
        ImGui::Checkbox(tr("Stations"), &l.stations);
        ImGui::Checkbox(tr("National border"), &l.border);
        ImGui::SameLine();
        ImGui::Checkbox(tr("Places"), &l.places);
        int c = int(view_.choropleth);
        const char* names[] = {tr("None"), tr("Population density"), tr("Inhabitants"), tr("Share aged 25-45")};
        ImGui::PushItemWidth(-1);
        ImGui::Combo("##choro", &c, names, 4);
        ImGui::PopItemWidth();
        view_.choropleth = Choropleth(c);
        ImGui::Checkbox(tr("Venues"), &l.venues);
        for (int k = 0; k < geo::kCategoryCount; ++k) {
            const auto& cs = category_style(geo::Category(k));
            ImGui::PushStyleColor(ImGuiCol_CheckMark, im(cs.fill));
            std::string lbl = std::string(tr(cs.label_en)) + "##cat" + std::to_string(k);
            bool on = l.categories[k];
            ImGui::Indent(8 * dpi_);
            if (ImGui::Checkbox(lbl.c_str(), &on)) l.categories[k] = on;
            ImGui::Unindent(8 * dpi_);
            ImGui::PopStyleColor();
        }
    }
    ui_venue_tools();
    ui_export();
    ImGui::Separator();
    if (ImGui::Button(tr("Fit Twente"))) fit_twente();
    ImGui::SameLine();
    int lg = lang() == Lang::NL ? 0 : 1;
    ImGui::PushItemWidth(70 * s);
    if (ImGui::Combo("##lang", &lg, "NL\0EN\0")) set_lang(lg == 0 ? Lang::NL : Lang::EN);
    ImGui::PopItemWidth();
    ImGui::End();
}

void App::ui_export() {
    if (!ImGui::CollapsingHeader(tr("Export map"))) return;
    const auto& presets = export_presets();
    std::string cur = export_preset_ == 0 ? tr("Window size") : presets[size_t(export_preset_ - 1)].name;
    ImGui::PushItemWidth(-1);
    if (ImGui::BeginCombo("##preset", cur.c_str())) {
        if (ImGui::Selectable(tr("Window size"), export_preset_ == 0)) export_preset_ = 0;
        for (size_t i = 0; i < presets.size(); ++i) {
            const auto& p = presets[i];
            char lbl[96];
            std::snprintf(lbl, sizeof lbl, "%s  (%d x %d)", p.name, p.size.w, p.size.h);
            if (ImGui::Selectable(lbl, export_preset_ == int(i) + 1)) export_preset_ = int(i) + 1;
        }
        ImGui::EndCombo();
    }
    static const char* kFormats[] = {"PNG", "JPEG", "TIFF", "GeoTIFF (RD New)"};
    static const char* kExt[] = {".png", ".jpg", ".tif", ".tif"};
    if (ImGui::Combo("##format", &export_format_, kFormats, 4)) {  // keep the file name's extension in step
        std::string p = export_path_;
        const auto dot = p.find_last_of('.');
        if (dot != std::string::npos && p.find('/', dot) == std::string::npos) p = p.substr(0, dot);
        p += kExt[export_format_];
        std::snprintf(export_path_, sizeof export_path_, "%s", p.c_str());
    }
    ImGui::InputText("##exportpath", export_path_, sizeof export_path_);
    ImGui::PopItemWidth();
    if (ImGui::Button(tr("Export"))) export_pending_ = true;  // done after this frame's render
    if (!export_message_.empty()) ImGui::TextWrapped("%s", export_message_.c_str());
}

void App::run_export(int fb_w, int fb_h) {
    export_pending_ = false;
    ExportOptions o;
    if (export_preset_ > 0) o.size = export_presets()[size_t(export_preset_ - 1)].size;
    else o.size = {fb_w, fb_h, 0};
    static const ImageFormat kFmt[] = {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Tiff, ImageFormat::GeoTiff};
    o.format = kFmt[std::clamp(export_format_, 0, 3)];
    MapView seen = view_;
    seen.avoid_px.clear();
    seen.inset_bottom = 0;
    seen.title = tr("Culture in Twente");
    RenderOptions ropt;
    analysis_->prepare_render(seen, ropt, renderer_->origin());
    o.render.overlay = ropt.overlay;
    o.render.ramps = ropt.ramps;
    if (analysis_->overlay_on && analysis_->result()) {
        const AnalysisResult& r = *analysis_->result();
        seen.title = heatmap_title(r.params, data_);
        o.estimate = r.estimate && metric_uses_mode(r.params.metric);
    }
    const auto t0 = std::chrono::steady_clock::now();
    const ExportResult r = export_map(*renderer_, seen, export_path_, o);
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    char buf[640];
    if (r.ok())
        std::snprintf(buf, sizeof buf, "%s: %s (%d x %d, %.1f s)", tr("Saved"), export_path_, o.size.w, o.size.h, sec);
    else
        std::snprintf(buf, sizeof buf, "%s", r.error.c_str());
    export_message_ = buf;
    std::fprintf(stderr, "trekkaart: %s\n", buf);
}

void App::ui_info() {
    if (selected.kind == Pick::None) return;
    const float s = dpi_;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10 * s, 80 * s), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(260 * s, 0), ImVec2(380 * s, io.DisplaySize.y - 150 * s));
    bool open = true;
    ImGui::Begin(tr("Info"), &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    remember_window();
    if (selected.kind == Pick::Municipality) {
        const auto& m = data_.municipalities[selected.index];
        ImGui::PushFont(font_bold_);
        ImGui::TextUnformatted(m.label.c_str());
        ImGui::PopFont();
        ImGui::TextDisabled("%s · CBS %s", m.code.c_str(), m.twente ? "Twente" : "");
        if (m.cbs.valid) {
            auto row = [](const char* k, const std::string& v) {
                ImGui::TextUnformatted(k);
                ImGui::SameLine(170 * ImGui::GetIO().FontGlobalScale * ImGui::GetFontSize() / 16);
                ImGui::TextUnformatted(v.c_str());
            };
            row(tr("Inhabitants"), format_int(m.cbs.inhabitants));
            row(tr("Density"), format_int(m.cbs.density) + " " + tr("inhabitants per km²"));
            row(tr("Age 25-45"), format_num(m.cbs.pct_25_45, 0) + " %");
            row(tr("Households"), format_int(m.cbs.households));
            int nv = 0;
            for (const auto& v : data_.venues) nv += v.gemeente == m.code;
            row(tr("Venues"), std::to_string(nv));
            ImGui::TextDisabled("CBS Kerncijfers 2024");
        }
        view_.highlight_municipality = m.code;
    } else {
        const auto& v = data_.venues[selected.index];
        const auto& cs = category_style(v.category);
        ImGui::PushFont(font_bold_);
        ImGui::TextWrapped("%s", v.name.c_str());
        ImGui::PopFont();
        const float sw = ImGui::GetTextLineHeight();  // a swatch of the category colour (the font has no ■)
        ImGui::ColorButton("##cat", im(cs.fill), ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop,
                           ImVec2(sw, sw));
        ImGui::SameLine();
        ImGui::TextUnformatted(tr(cs.label_en));
        if (const auto* m = data_.find_municipality(v.gemeente)) ImGui::Text("%s: %s", tr("Municipality"), m->label.c_str());
        if (v.capacity > 0) ImGui::Text("%s: %s", tr("Capacity"), format_int(v.capacity).c_str());
        ImGui::Text("%s: %.5f, %.5f (%s)", tr("Coordinates"), v.lat, v.lon, tr(v.exact ? "exact" : "approximate"));
        ImGui::Text("RD: %.0f, %.0f", v.pos.x, v.pos.y);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 340 * s);
        ImGui::TextDisabled("%s: %s", tr("Source"), v.source.c_str());
        ImGui::PopTextWrapPos();
        view_.highlight_venues = {v.id};
        if (ImGui::CollapsingHeader(tr("Edit venue"))) ui_edit_venue(selected.index);  // may remove it: last
    }
    ImGui::End();
    if (!open) selected = {};
}

void App::ui_edit_venue(int i) {
    const auto& v = data_.venues[size_t(i)];
    if (edit_index_ != i) {
        std::snprintf(edit_name_, sizeof edit_name_, "%s", v.name.c_str());
        std::snprintf(edit_source_, sizeof edit_source_, "%s", v.source.c_str());
        edit_cat_ = int(v.category);
        edit_exact_ = v.exact;
        edit_capacity_ = int(v.capacity);
        confirm_remove_ = false;
        edit_index_ = i;
    }
    const float s = dpi_;
    ImGui::PushItemWidth(230 * s);
    ImGui::InputText(tr("Name"), edit_name_, sizeof edit_name_);
    if (ImGui::BeginCombo(tr("Category"), tr(category_style(geo::Category(edit_cat_)).label_en))) {
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (ImGui::Selectable(tr(category_style(geo::Category(c)).label_en), c == edit_cat_)) edit_cat_ = c;
        ImGui::EndCombo();
    }
    ImGui::InputInt(tr("Capacity"), &edit_capacity_);
    edit_capacity_ = std::max(0, edit_capacity_);
    ImGui::InputText(tr("Source"), edit_source_, sizeof edit_source_);
    ImGui::PopItemWidth();
    ImGui::Checkbox(tr("Exact position (surveyed)"), &edit_exact_);
    if (ImGui::Button(tr("Save changes")))
        edit_message_ = editor_->update(i, edit_name_, geo::Category(edit_cat_), edit_exact_, edit_capacity_, edit_source_);
    ImGui::SameLine();
    if (ImGui::Button(place_ == Place::Move ? tr("Click on the map...") : tr("Move"))) place_ = Place::Move;
    ImGui::SameLine();
    if (!confirm_remove_) {
        if (ImGui::Button(tr("Remove"))) confirm_remove_ = true;
    } else if (ImGui::Button(tr("Really remove?"))) {
        edit_message_ = editor_->remove(i);  // selected is cleared by the editor's after_change hook
        return;
    }
    if (!edit_message_.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 340 * s);
        ImGui::TextWrapped("%s", edit_message_.c_str());
        ImGui::PopTextWrapPos();
    }
}

void App::ui_venue_tools() {
    if (!ImGui::CollapsingHeader(tr("Edit venues"))) return;
    const float s = dpi_;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 260 * s);
    ImGui::TextWrapped("%s", tr("Click a venue on the map to change, move or remove it."));
    ImGui::PushItemWidth(150 * s);
    if (ImGui::BeginCombo("##addcat", tr(category_style(geo::Category(add_cat_)).label_en))) {
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (ImGui::Selectable(tr(category_style(geo::Category(c)).label_en), c == add_cat_)) add_cat_ = c;
        ImGui::EndCombo();
    }
    ImGui::PopItemWidth();
    ImGui::SameLine();
    if (ImGui::Button(place_ == Place::Add ? tr("Click on the map...") : tr("Add"))) place_ = Place::Add;
    const int n = editor_->edit_count();
    ImGui::Text("%d %s", n, tr(n == 1 ? "change to the catalogue" : "changes to the catalogue"));
    if (n > 0 && ImGui::SmallButton(tr("Undo all"))) edit_message_ = editor_->revert_all();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", editor_->path().c_str());  // wrapped: a long path must not widen the panel
    ImGui::PopStyleColor();
    if (!edit_message_.empty() && selected.kind != Pick::Venue) ImGui::TextWrapped("%s", edit_message_.c_str());
    ImGui::PopTextWrapPos();
}

void App::place_at(geo::P2 rd) {
    if (place_ == Place::Move && selected.kind == Pick::Venue) {
        edit_message_ = editor_->move(selected.index, rd);
    } else if (place_ == Place::Add) {
        int added = -1;
        edit_message_ = editor_->add(rd, geo::Category(add_cat_), "", &added);
        if (added >= 0 && size_t(added) < data_.venues.size()) selected = {Pick::Venue, added};
    }
    place_ = Place::None;
}

void App::ui_tooltip() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantCaptureMouse || dragging_ || mouse_px_.x < 0) return;
    if (place_ != Place::None) {  // the venue editor waits for a click on the map
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(place_ == Place::Add ? tr("Click to add the venue here (Esc: cancel)")
                                                    : tr("Click to move the venue here (Esc: cancel)"));
        ImGui::EndTooltip();
        return;
    }
    Pick p = pick_at(mouse_px_);
    if (p.kind == Pick::None) return;
    ImGui::BeginTooltip();
    if (p.kind == Pick::Venue) {
        const auto& v = data_.venues[p.index];
        ImGui::PushFont(font_bold_);
        ImGui::TextUnformatted(v.name.c_str());
        ImGui::PopFont();
        ImGui::TextUnformatted(tr(category_style(v.category).label_en));
    } else {
        const auto& m = data_.municipalities[p.index];
        ImGui::PushFont(font_bold_);
        ImGui::TextUnformatted(m.label.c_str());
        ImGui::PopFont();
        if (m.cbs.valid) ImGui::Text("%s %s", format_int(m.cbs.inhabitants).c_str(), tr("inhabitants"));
    }
    ImGui::EndTooltip();
}

void App::ui_status(int win_w, int win_h) {
    const float h = ImGui::GetFrameHeight() + 2;
    status_h_ = h;
    ImGui::SetNextWindowPos(ImVec2(0, win_h - h), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(win_w * 0.62f, h), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (mouse_px_.x >= 0) {
        P2 w = view_.cam.to_world(mouse_px_);
        P2 ll = geo::rd_to_wgs84(w);
        ImGui::Text("RD %.0f, %.0f   WGS84 %.5f° N, %.5f° E   1 px = %s m", w.x, w.y, ll.y, ll.x,
                    format_num(view_.cam.mpp, view_.cam.mpp < 10 ? 1 : 0).c_str());
        if (std::string hv = analysis_->hover_text(w); !hv.empty()) {  // the heatmap value under the cursor
            ImGui::SameLine();
            ImGui::TextUnformatted(("   " + hv).c_str());
        }
    } else {
        ImGui::Text("1 px = %s m", format_num(view_.cam.mpp, 0).c_str());
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

void App::frame(int fb_w, int fb_h, int win_w, int win_h, double dt, unsigned target_fbo) {
    fb_per_win_ = win_w > 0 ? float(fb_w) / win_w : 1;
    view_.ui_scale = dpi_ * fb_per_win_;
    // Keep the centre when the window is resized.
    view_.cam.w = fb_w;
    view_.cam.h = fb_h;
    if (first_frame_) { fit_twente(); first_frame_ = false; }
    if (fly_to_) {  // simple smooth fly (ease in-out; zoom interpolated in log space)
        fly_t_ = std::min(1.0, fly_t_ + dt / 0.8);
        double t = fly_t_ * fly_t_ * (3 - 2 * fly_t_);
        view_.cam.centre = fly_from_->centre + (fly_to_->centre - fly_from_->centre) * t;
        view_.cam.mpp = std::exp(std::log(fly_from_->mpp) * (1 - t) + std::log(fly_to_->mpp) * t);
        if (fly_t_ >= 1) fly_to_.reset();
    }
    if (selected.kind != Pick::Municipality) view_.highlight_municipality.clear();
    if (selected.kind != Pick::Venue) view_.highlight_venues.clear();

    ImGui::NewFrame();
    if (show_panels) {
        ui_panels(win_w, win_h);
        ui_info();
        ui_status(win_w, win_h);
        ui_tooltip();
    }
    analysis_->frame(show_panels, win_w, win_h, fb_per_win_, view_, selected.kind == Pick::Venue ? selected.index : -1,
                     panel_rects_);
    // Labels avoid the panels; furniture stays above the status bar (framebuffer pixels).
    view_.avoid_px.clear();
    for (const auto& r : panel_rects_)
        view_.avoid_px.push_back({r.minx * fb_per_win_, r.miny * fb_per_win_, r.maxx * fb_per_win_, r.maxy * fb_per_win_});
    view_.inset_bottom = show_panels ? float(status_h_ * fb_per_win_) : 0.f;
    panel_rects_.clear();
    ImGui::Render();

    glBindFramebuffer(GL_FRAMEBUFFER, target_fbo);
    RenderOptions ropt;
    analysis_->prepare_render(view_, ropt, renderer_->origin());
    ropt.cache = &pan_cache_;
    // Zooming (a flight, or wheel steps less than 0.25 s apart): a magnified cached picture will do meanwhile.
    ropt.moving = fly_to_.has_value() ||
                  std::chrono::steady_clock::now() - last_zoom_ < std::chrono::milliseconds(250);
    renderer_->render(view_, ropt);
    glViewport(0, 0, fb_w, fb_h);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (export_pending_) {
        run_export(fb_w, fb_h);
        glBindFramebuffer(GL_FRAMEBUFFER, target_fbo);
        glViewport(0, 0, fb_w, fb_h);
    }
}

}  // namespace viewer
