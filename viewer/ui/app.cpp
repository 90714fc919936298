#include "viewer/ui/app.h"

#include "viewer/model/free_area.h"

#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "geo/io/venue_edits.h"
#include "viewer/model/i18n.h"
#include "viewer/render/gl.h"
#include "viewer/ui/export_dialog.h"
#include "viewer/ui/info_panel.h"
#include "viewer/ui/layers_panel.h"
#include "viewer/ui/project_panel.h"
#include "viewer/ui/user_layers_panel.h"
#include "viewer/ui/ui_analysis.h"
#include "viewer/ui/venue_panel.h"

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
    // Noto Sans lacks some symbols the panels write (≤ ≥ →): the map text's fallback faces are merged into each
    // font for the glyphs it does not have (ImGui keeps a glyph the font already holds).
    ImFontConfig merge = cfg;
    merge.MergeMode = true;
    auto add = [&](const char* primary, bool is_bold) -> ImFont* {
        if (!std::filesystem::exists(primary)) return nullptr;
        ImFont* f = io.Fonts->AddFontFromFileTTF(primary, size, &cfg, ranges.Data);
        const std::vector<std::string> chain = font_chain_files(is_bold);
        for (size_t i = 1; f && i < chain.size(); ++i)
            io.Fonts->AddFontFromFileTTF(chain[i].c_str(), size, &merge, ranges.Data);
        return f;
    };
    *regular = add(kDefaultRegularFont, false);
    *bold = add(kDefaultBoldFont, true);
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

}  // namespace

App::App(geo::Dataset& data, SDL_Window* win, float dpi_scale, AnalysisOptions analysis, std::string venue_edits)
    : data_(data), win_(win), dpi_(dpi_scale),
      venue_edits_path_(venue_edits.empty() ? geo::default_venue_edits_path() : std::move(venue_edits)) {
    renderer_ = std::make_unique<MapRenderer>(data_);
    // A finished result wakes the window loop (SDL_PushEvent is safe from any thread); the event itself carries
    // nothing: the next frame polls the result.
    analysis.on_done = [] {
        SDL_Event e{};
        e.type = SDL_USEREVENT;
        SDL_PushEvent(&e);
    };
    analysis_ = std::make_unique<AnalysisPanel>(data_, std::move(analysis));
    venues_ = std::make_unique<VenuePanel>(data_, venue_edits_path_, dpi_);
    export_ = std::make_unique<ExportDialog>();
    user_layers_ = std::make_unique<UserLayersPanel>(data_);
    project_ = std::make_unique<ProjectPanel>();
    user_analysis_ = std::make_unique<UserAnalysis>(data_, analysis_->analysis());
    analysis_->user_analysis = user_analysis_.get();
    // A venue set, zones or road network chosen in the panel: recompute what is shown; the venues may be others now.
    user_layers_->attach(user_analysis_.get(), [this](bool venues) { user_analysis_changed(venues); });
    // The analysis worker reads the venues: let it finish before they change, then recompute.
    VenueEditor& ed = venues_->editor();
    ed.before_change = [this] { analysis_->analysis().wait(600); };
    ed.after_change = [this](int index, bool removed) {
        analysis_->venues_changed(index, removed);
        if (selected.kind == Pick::Venue) {
            if (index < 0 || (removed && selected.index == index)) selected = {};
            else if (removed && selected.index > index) --selected.index;
        }
        venues_->reload();  // the edit form shows the venue as it is now
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

void App::user_analysis_changed(bool venues) {
    analysis_->recompute();
    if (!venues) return;
    analysis_->venues_changed(-1, false);
    if (selected.kind == Pick::Venue) selected = {};
    venues_->reload();
}

App::~App() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

VenueEditor& App::editor() { return venues_->editor(); }

bool App::animating() const {
    // A magnified interim picture (zooming) is followed by a sharp one when the zoom stops; a surface held back
    // while a candidate is dragged (AnalysisPanel::drag_show_ms) is shown when its time comes.
    return fly_to_.has_value() || pan_cache_.interim || user_layers_->loading() || analysis_->holding();
}

bool App::computing() const { return analysis_->analysis().busy(); }

void App::fit_twente() {
    fly_from_.reset();
    fly_to_.reset();
    view_.cam.fit(data_.twente_bbox, 24 * view_.ui_scale);
    fit_frames_ = 2;  // into the free area once the panels are laid out (fit_free_area)
    fitted_ = true;
}

// Fits Twente into what the panels of this frame leave free (issue 13), and again after a resize while the view
// is still as fitted.
void App::fit_free_area(int fb_w, int fb_h) {
    std::vector<geo::BBox> panels;
    for (const auto& r : panel_rects_)
        panels.push_back({r.minx * fb_per_win_, r.miny * fb_per_win_, r.maxx * fb_per_win_, r.maxy * fb_per_win_});
    // The map's own furniture of the last frame too (legend, scale bar, attribution): Twente is not put under it.
    for (const LabelBox& b : renderer_->last_furniture()) panels.push_back({b.x0, b.y0, b.x1, b.y1});
    free_px_ = show_panels ? free_area(fb_w, fb_h, panels, status_h_ * fb_per_win_) : geo::BBox{0, 0, double(fb_w), double(fb_h)};
    if ((fb_w != last_fb_w_ || fb_h != last_fb_h_) && fitted_) fit_frames_ = std::max(fit_frames_, 2);
    // Panels that grow or shrink after the fit (a wider analysis panel, a layer added) move the free area: while
    // the view is still as fitted, fit again.
    const auto moved = [](const geo::BBox& a, const geo::BBox& b) {
        return std::abs(a.minx - b.minx) > 1 || std::abs(a.maxx - b.maxx) > 1 || std::abs(a.miny - b.miny) > 1 ||
               std::abs(a.maxy - b.maxy) > 1;
    };
    if (fitted_ && moved(free_px_, last_free_)) fit_frames_ = std::max(fit_frames_, 1);
    last_free_ = free_px_;
    last_fb_w_ = fb_w;
    last_fb_h_ = fb_h;
    if (fit_frames_ > 0 && !fly_to_) {
        --fit_frames_;
        fit_into(view_.cam, data_.twente_bbox, free_px_, 24 * view_.ui_scale);
    }
}

void App::show_bbox(const std::optional<geo::BBox>& b) {
    pending_bbox_ = b;
    if (!b) fit_twente();
}

void App::fly_to(const geo::BBox& b) {
    fitted_ = false;
    fit_frames_ = 0;
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

const SymbolSpot* App::spot_at(P2 px) const {
    if (!view_.layers.venues) return nullptr;
    const float r = MapRenderer::venue_symbol_px(view_) * 0.7f + 3 * view_.ui_scale;
    double best = r * r;
    const SymbolSpot* hit = nullptr;
    for (const SymbolSpot& sp : renderer_->last_venue_spots()) {
        const double d2 = (sp.x - px.x) * (sp.x - px.x) + (sp.y - px.y) * (sp.y - px.y);
        if (d2 <= best) {
            best = d2;
            hit = &sp;
        }
    }
    return hit;
}

Pick App::pick_at(P2 px) const {
    // The venue symbols where the last frame drew them (merged or displaced; issue 13): a merged one picks its
    // first venue (a click on it zooms in instead, see handle_event).
    if (const SymbolSpot* sp = spot_at(px)) return {Pick::Venue, sp->members.front()};
    Pick p;
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
        case SDL_DROPFILE:  // a file dropped on the window: a layer of its own (issue 12)
            if (ev.drop.file) {
                user_layers_->start(ev.drop.file);
                SDL_free(ev.drop.file);
            }
            break;
        case SDL_MOUSEMOTION:
            mouse_px_ = {ev.motion.x * fb_per_win_, ev.motion.y * fb_per_win_};
            if (dragging_) {
                view_.cam.pan_pixels(ev.motion.xrel * fb_per_win_, ev.motion.yrel * fb_per_win_);
                fly_to_.reset();
                fitted_ = false;
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
                    if (venues_->placing()) {  // venue editor: move / add here
                        const int sel = selected.kind == Pick::Venue ? selected.index : -1;
                        if (const int added = venues_->place_at(view_.cam.to_world(up), sel); added >= 0)
                            selected = {Pick::Venue, added};
                    } else if (const SymbolSpot* sp = spot_at(up); sp && sp->count() > 1) {
                        // A merged symbol (issue 13): zoom in until its venues stand apart.
                        geo::BBox b;
                        for (int i : sp->members) b.add(data_.venues[size_t(i)].pos);
                        fly_to(b.grown(std::max(300.0, 0.3 * std::max(b.width(), b.height()))));
                    } else {
                        selected = pick_at(up);  // select what is there
                        user_layers_->select_at(view_, up);  // and a feature of the user's layers (issue 12)
                    }
                }
            }
            break;
        case SDL_MOUSEWHEEL:
            if (!io.WantCaptureMouse) {
                double f = std::pow(1.2, ev.wheel.preciseY != 0 ? ev.wheel.preciseY : ev.wheel.y);
                view_.cam.zoom_about(mouse_px_, f);
                fly_to_.reset();
                fitted_ = false;
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
                    if (venues_->placing()) venues_->cancel_placing();
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

// The main panel (top-left): search, layers, venue editor, export, fit and language.
void App::ui_panels(int win_h) {
    const float s = dpi_;
    ImGui::SetNextWindowPos(ImVec2(10 * s, 10 * s), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(250 * s, 0), ImVec2(330 * s, win_h - 60 * s));
    if (compact_changed_) ImGui::SetNextWindowCollapsed(compact_ == 1, ImGuiCond_Always);
    ImGui::Begin("trekkaart", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    remember_window();
    ui_search();
    ImGui::Separator();
    ui_layers(view_, dpi_);
    user_layers_->ui(view_, dpi_);
    venues_->ui_tools(selected.kind == Pick::Venue);
    export_->ui();
    ImGui::Separator();
    if (ImGui::Button(tr("Fit Twente"))) fit_twente();
    ImGui::SameLine();
    int lg = int(lang());  // the combo lists the languages in Lang's order
    ImGui::PushItemWidth(70 * s);
    if (ImGui::Combo("##lang", &lg, "NL\0EN\0")) set_lang(Lang(lg));
    ImGui::PopItemWidth();
    ImGui::SameLine();
    project_->ui_toggle();     // the project file (issue 12): Open, Save, Save as below this row
    project_->ui(*this, dpi_);
    ImGui::End();
}

// Search: municipalities and venues whose name contains the text; choosing one flies there and selects it.
void App::ui_search() {
    ImGui::PushItemWidth(-1);
    ImGui::InputTextWithHint("##search", tr("Search venue or municipality"), search_, sizeof search_);
    ImGui::PopItemWidth();
    std::string q = lower(search_);
    if (q.size() < 2) return;
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

void App::ui_tooltip() {
    if (ImGui::GetIO().WantCaptureMouse || dragging_ || mouse_px_.x < 0) return;
    if (venues_->placing()) venues_->ui_placing_tooltip();  // the venue editor waits for a click on the map
    else if (!user_layers_->ui_tooltip(view_, mouse_px_)) ui_pick_tooltip(data_, pick_at(mouse_px_), font_bold_);
}

void App::frame(int fb_w, int fb_h, int win_w, int win_h, double dt, unsigned target_fbo) {
    fb_per_win_ = win_w > 0 ? float(fb_w) / win_w : 1;
    view_.ui_scale = dpi_ * fb_per_win_;
    // Keep the centre when the window is resized.
    view_.cam.w = fb_w;
    view_.cam.h = fb_h;
    if (first_frame_) { fit_twente(); first_frame_ = false; }
    if (pending_bbox_) {  // a project's view (issue 12): its box fitted exactly into this window
        fly_to_.reset();
        fitted_ = false;
        fit_frames_ = 0;
        view_.cam.centre = pending_bbox_->centre();
        view_.cam.mpp = Camera::clamp_mpp(std::max(pending_bbox_->width() / fb_w, pending_bbox_->height() / fb_h));
        pending_bbox_.reset();
    }
    project_->tick(*this, std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count());
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
    // Small windows (issue 13): the side panels start collapsed to their title bars, a strip at the top; a click
    // on a title bar opens a panel.
    const int compact = compact_window(win_w, win_h, dpi_) ? 1 : 0;
    compact_changed_ = compact != compact_;
    compact_ = compact;
    if (compact_changed_) analysis_->collapse_next = compact == 1;
    if (show_panels) {
        ui_panels(win_h);
        ui_info(data_, selected, view_, *venues_, font_bold_, dpi_, panel_rects_);
        user_layers_->ui_info(view_, dpi_, panel_rects_);
        status_h_ = ui_status_bar(view_, mouse_px_, *analysis_, win_w, win_h);
        ui_tooltip();
    }
    analysis_->frame(show_panels, win_w, win_h, fb_per_win_, view_, selected.kind == Pick::Venue ? selected.index : -1,
                     panel_rects_);
    fit_free_area(fb_w, fb_h);
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
    if (export_->pending()) {
        export_->run(*renderer_, view_, *analysis_, data_, fb_w, fb_h);
        glBindFramebuffer(GL_FRAMEBUFFER, target_fbo);
        glViewport(0, 0, fb_w, fb_h);
    }
}

}  // namespace viewer
