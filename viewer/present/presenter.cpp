#include "viewer/present/presenter_parts.h"

#include <algorithm>
#include <cmath>

#include "viewer/model/i18n.h"
#include "viewer/render/ui_batch.h"

namespace viewer {

using geo::BBox;
using geo::P2;

namespace {

// "reistijd naar een derde plek, fiets en trein" / "travel time to a third place, bike and train".
std::string heatmap_words(const HeatmapSpec& h) {
    const std::string T = h.threshold_min > 0 ? format_num(h.threshold_min, 0) + " min" : "";
    std::string cat;
    geo::Category c;
    if (geo::category_from_key(h.category, c)) {
        cat = tr(category_style(c).label_en);
        if (!cat.empty() && cat[0] >= 'A' && cat[0] <= 'Z') cat[0] = char(cat[0] - 'A' + 'a');
    }
    std::string m;
    switch (h.measure) {
        case Metric::TravelTime: m = tr("travel time to the nearest ") + cat; break;
        case Metric::Opportunities: m = tr("number within ") + T + ": " + cat; break;
        case Metric::GravityExp: m = tr("accessibility (gravity model): ") + cat; break;
        case Metric::Fca2: m = tr("supply per inhabitant (2SFCA): ") + cat; break;
        case Metric::VenueDensity: m = tr("density") + (cat.empty() ? "" : ": " + cat); break;
        case Metric::Population: m = tr("population"); break;
        case Metric::Reach: m = tr("inhabitants within ") + T + tr(" of a ") + cat; break;
        default: m = tr(metric_label_en(h.measure)); break;  // metrics the scenes format does not take
    }
    const char* mode = "";
    switch (h.mode) {
        case geo::Mode::Walk: mode = tr("walking"); break;
        case geo::Mode::Bike: mode = tr("bike"); break;
        case geo::Mode::EBike: mode = "e-bike"; break;
        case geo::Mode::Car: mode = tr("car"); break;
        case geo::Mode::BikeTrain: mode = tr("bike and train"); break;
        default: break;
    }
    if (h.measure != Metric::VenueDensity && h.measure != Metric::Population) m += std::string(", ") + mode;
    return m;
}

}  // namespace

Presenter::Presenter(const geo::Dataset& data, MapRenderer& renderer, Deck deck, PresenterHooks hooks,
                     PresenterOptions opt)
    : data_(data), renderer_(renderer), deck_(std::move(deck)), hooks_(std::move(hooks)), opt_(opt) {
    nav_.set_count(int(deck_.scenes.size()));
    text_ = std::make_unique<TextRenderer>();
    scratch_ = std::make_unique<Scratch>();
    ui_ = std::make_unique<UiPainter>();
    prog_img_ = make_program("image.vert.glsl", "image.frag.glsl");
    glGenSamplers(1, &sampler_linear_);
    glGenSamplers(1, &sampler_nearest_);
    for (GLuint sm : {sampler_linear_, sampler_nearest_}) {
        const GLint f = sm == sampler_linear_ ? GL_LINEAR : GL_NEAREST;
        glSamplerParameteri(sm, GL_TEXTURE_MIN_FILTER, f);
        glSamplerParameteri(sm, GL_TEXTURE_MAG_FILTER, f);
        glSamplerParameteri(sm, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glSamplerParameteri(sm, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    lang_seen_ = lang();
    set_size(1280, 800);
}

Presenter::~Presenter() {
    flight_.reset();
    flights_.clear();
    snapshots_.clear();
    bares_.clear();
    fade_from_.reset();
    free_image_.reset();
    audience_.reset();
    next_pic_.reset();
    live_image_.reset();
    scratch_.reset();
    text_.reset();
    ui_.reset();
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (prog_img_) glDeleteProgram(prog_img_);
    if (sampler_linear_) glDeleteSamplers(1, &sampler_linear_);
    if (sampler_nearest_) glDeleteSamplers(1, &sampler_nearest_);
}

void Presenter::drop_caches() {
    next_pic_.reset();
    next_of_ = -1;
    layouts_.clear();
    snapshots_.clear();
    bares_.clear();
    flights_.clear();
    free_image_.reset();
    free_dirty_ = bool(free_cam_);
    live_image_.reset();
    live_dirty_ = bool(live_);  // a live question's picture and layout are made again at the new size / language
}

void Presenter::set_size(int w, int h) {
    w = std::max(16, w);
    h = std::max(16, h);
    if (w == w_ && h == h_) return;
    w_ = w;
    h_ = h;
    ui_scale_ = opt_.ui_scale > 0 ? opt_.ui_scale : std::max(1.0f, h / 800.0f);
    flight_.reset();
    fade_from_.reset();
    fade_t_ = 1;
    if (free_cam_) {
        free_cam_->w = w;
        free_cam_->h = h;
    }
    drop_caches();
}

void Presenter::check_lang() {
    if (lang() == lang_seen_) return;
    lang_seen_ = lang();
    // Captions (and so the panel and the camera) and the map's legend change: start afresh at the current scene.
    flight_.reset();
    fade_from_.reset();
    fade_t_ = 1;
    drop_caches();
}

void Presenter::set_message(const std::string& text, bool error, double seconds) {
    message_ = text;
    message_error_ = error;
    message_left_ = seconds;
}

std::vector<P2> Presenter::highlight_points(const Scene& s) const {
    std::vector<P2> pts;
    for (const auto& id : s.venues)
        for (const auto& v : data_.venues)
            if (v.id == id) pts.push_back(v.pos);
    for (const auto& code : s.municipalities)
        if (const auto* m = data_.find_municipality(code)) pts.push_back(m->label_pos);
    for (const auto& w : s.whatif) pts.push_back(w.pos);
    return pts;
}

std::string Presenter::heatmap_note(const Scene& s) const {
    if (!s.heatmap) return "";
    if (hooks_.heatmap_note) return hooks_.heatmap_note(s);
    if (hooks_.draw_heatmap) return "";
    return std::string(tr("Map layer \u2018")) + heatmap_words(*s.heatmap) +
           tr("\u2019 is not available in this version yet.");
}

const CaptionLayout& Presenter::layout(int i) {
    check_lang();
    auto it = layouts_.find(i);
    if (it != layouts_.end()) return it->second;
    const Scene& s = deck_.scenes.at(size_t(i));
    // The furniture's boxes come from a 1-pixel render of the scene (the layout is computed on the CPU).
    FurnitureProbe probe = [&](const Camera& cam, float inset) {
        GLint prev = 0, vp[4];
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev);
        glGetIntegerv(GL_VIEWPORT, vp);
        if (!scratch_->probe.allocate(1, 1)) return std::vector<LabelBox>{};
        glBindFramebuffer(GL_FRAMEBUFFER, scratch_->probe.fbo);
        MapView v = scene_view(s, cam, true, nullptr);
        v.inset_bottom = inset;
        RenderOptions o;
        o.tile_w = o.tile_h = 1;
        if (s.heatmap && hooks_.heatmap_legend)
            if (auto r = hooks_.heatmap_legend(s, ui_scale_)) o.ramps.push_back(*r);
        renderer_.render(v, o);
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev));
        glViewport(vp[0], vp[1], vp[2], vp[3]);
        return renderer_.last_furniture();
    };
    CaptionLayout lay = layout_caption(s, highlight_points(s), w_, h_, *text_, probe, lang(), heatmap_note(s));
    return layouts_.emplace(i, std::move(lay)).first->second;
}

void Presenter::start_move(int from, int to, bool animate) {
    if (deck_.scenes.empty()) return;
    const bool at_rest = !flight_ && fade_t_ >= 1 && !free_cam_;
    if (!animate || from == to) {
        flight_.reset();
        free_cam_.reset();
        fade_t_ = 1;
        return;
    }
    if (!at_rest) {
        // Moving during a flight, a fade or free look: cross-fade from exactly what is on screen now.
        auto img = std::make_unique<Image>();
        capture_frame(*img);
        flight_.reset();
        free_cam_.reset();
        free_image_.reset();
        fade_from_ = std::move(img);
        fade_t_ = 0;
        snapshot(to);
        return;
    }
    prepare_flight(from, to);
    auto it = flights_.find({from, to});
    flight_ = std::move(it->second);
    flights_.clear();  // the flight elsewhere is not needed after this one (memory, issue 14)
    flight_->t = 0;
}

Navigator::Result Presenter::command(Cmd c, int digit) {
    const int before = nav_.current();
    if (live_ && nav_.blank() == Navigator::Blank::None) {
        // A live question: the next navigation key (a clicker's) ends it and shows the scene as written, without
        // moving on; S saves it. Digits and scene moves wait until it is over; the other keys work as always.
        Navigator::Result r;
        switch (c) {
            case Cmd::Escape:
                if (nav_.help()) break;  // Esc closes the help first
                [[fallthrough]];
            case Cmd::Next: case Cmd::Prev: case Cmd::First: case Cmd::Last: case Cmd::Enter: case Cmd::Backspace:
            case Cmd::LiveQuestion:
                live_end();
                r.redraw = true;
                return r;
            case Cmd::SaveLive:
            case Cmd::SaveView: {
                const std::string err = live_save();
                if (err.empty()) set_message(std::string(tr("Live question saved as scene ")) + std::to_string(nav_.current() + 1) +
                                                 " in " + deck_.path, false, 5);
                else set_message(err, true, 10);
                r.save_live = r.redraw = true;
                return r;
            }
            case Cmd::Digit: case Cmd::MoveEarlier: case Cmd::MoveLater: return r;
            default: break;
        }
    }
    Navigator::Result r = nav_.apply(c, digit);
    if (r.toggle_live && !live_) live_begin();
    if (r.moved) start_move(before, nav_.current(), true);
    if (r.toggle_lang) set_lang(lang() == Lang::NL ? Lang::EN : Lang::NL);
    if (r.reload) {
        if (deck_.path.empty()) {
            set_message(tr("No scenes file to reload."), true, 5);
        } else {
            try {
                SceneCatalog cat = SceneCatalog::from(data_, opt_.user_layers);
                Deck d = load_deck(deck_.path, &cat);
                replace_deck(std::move(d));
                set_message(std::string(tr("Reloaded: ")) + deck_.path, false, 3);
            } catch (const SceneError& e) {
                set_message(std::string(e.what()) + tr("\n(still using the previous version)"),
                            true, 30);
            }
        }
    }
    if (r.save_view && !deck_.scenes.empty()) {
        insert_after_current(capture_view());
        const std::string err = deck_.path.empty() ? std::string(tr("no file")) : save_deck(deck_, deck_.path);
        if (err.empty()) set_message(std::string(tr("Current view saved as scene ")) +
                                         std::to_string(nav_.current() + 1) + " in " + deck_.path, false, 4);
        else set_message(err, true, 10);
    }
    if (r.move_scene != 0 && move_current(r.move_scene)) {
        const std::string err = deck_.path.empty() ? "" : save_deck(deck_, deck_.path);
        if (err.empty()) set_message(std::string(tr("Scene moved to ")) + std::to_string(nav_.current() + 1), false, 3);
        else set_message(err, true, 10);
    }
    return r;
}

void Presenter::go(int index, bool animate) {
    const int before = nav_.current();
    if (nav_.go(index)) start_move(before, index, animate);
}

void Presenter::pan_pixels(double dx, double dy) {
    if (deck_.scenes.empty() || live_) return;  // a live question keeps the scene's camera (clicks place sites)
    if (!free_cam_) free_cam_ = camera();
    flight_.reset();
    fade_t_ = 1;
    free_cam_->pan_pixels(dx, dy);
    free_dirty_ = true;
}

void Presenter::zoom_about(P2 px, double factor) {
    if (deck_.scenes.empty() || live_) return;
    if (!free_cam_) free_cam_ = camera();
    flight_.reset();
    fade_t_ = 1;
    free_cam_->zoom_about(px, factor);
    free_dirty_ = true;
}

void Presenter::update(double dt) {
    dt = std::clamp(dt, 0.0, 0.1);  // a long pause (e.g. rendering pictures) must not skip the flight
    if (message_left_ > 0) {
        message_left_ -= dt;
        if (message_left_ <= 0) message_.clear();
    }
    if (flight_) {
        flight_->t += dt / std::max(1e-3, flight_->duration + 2 * opt_.furniture_seconds);
        if (flight_->t >= 1) flight_.reset();
    }
    if (fade_t_ < 1) {
        fade_t_ = std::min(1.0, fade_t_ + dt / std::max(1e-3, opt_.fade_seconds));
        if (fade_t_ >= 1) fade_from_.reset();
    }
}

bool Presenter::animating() const { return bool(flight_) || fade_t_ < 1; }

double Presenter::flight_t() const { return flight_ ? std::clamp(flight_->t, 0.0, 1.0) : 1.0; }

Presenter::Phase Presenter::phase() const {
    Phase p;
    if (!flight_) return p;
    const Flight& f = *flight_;
    const double lead = opt_.furniture_seconds, T = std::clamp(f.t, 0.0, 1.0) * (f.duration + 2 * lead);
    const double tf = std::clamp((T - lead) / std::max(1e-6, f.duration), 0.0, 1.0);
    p.u = f.path.length() > 0 ? ease_in_out(tf) : tf;
    if (lead > 0) {
        p.leaving = float(ease_in_out(1 - std::clamp(T / lead, 0.0, 1.0)));
        p.arriving = float(ease_in_out(std::clamp((T - lead - f.duration) / lead, 0.0, 1.0)));
    }
    return p;
}

Camera Presenter::camera() const {
    auto* self = const_cast<Presenter*>(this);
    if (free_cam_) return *free_cam_;
    if (deck_.scenes.empty()) {
        Camera c;
        c.w = w_;
        c.h = h_;
        c.fit(data_.twente_bbox, 24);
        return c;
    }
    if (flight_) {
        const double s = flight_->path.length() * phase().u;
        return camera_at(self->layout(flight_->from).cam, flight_->path.at(s));
    }
    return self->layout(nav_.current()).cam;
}

void Presenter::draw(unsigned fbo) {
    check_lang();
    const auto blank = nav_.blank();
    if (blank != Navigator::Blank::None) {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w_, h_);
        const float c = blank == Navigator::Blank::White ? 1.f : 0.f;
        glClearColor(c, c, c, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        return;
    }
    if (deck_.scenes.empty()) {
        // No (valid) deck: the plain map of Twente and the message saying what is wrong.
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w_, h_);
        MapView v;
        v.cam = camera();
        v.ui_scale = ui_scale_;
        renderer_.render(v);
        glViewport(0, 0, w_, h_);
        draw_overlays();
        return;
    }
    const int cur = nav_.current();
    if (live_) {
        // A live question: its own picture, the caption with the live figure, and the band saying how it works. The
        // scene's cached pictures stay untouched.
        live_prepare();
        const bool ready = live_image_ && live_image_->ready;
        const CaptionLayout& lay = ready ? live_layout_ : layout(cur);
        const Image& pic = ready ? *live_image_ : snapshot(cur);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w_, h_);
        composite({{&pic, 1}}, lay.cam);
        draw_caption(lay, deck_.scenes[size_t(cur)], 1, cur);
        draw_live_band();
        draw_overlays();
        return;
    }
    // Render whatever pictures this frame needs before binding the output.
    const Camera cam = camera();
    if (free_cam_ && (free_dirty_ || !free_image_)) {
        if (!free_image_) free_image_ = std::make_unique<Image>();
        const CaptionLayout& lay = layout(cur);
        render_picture(deck_.scenes[size_t(cur)], *free_cam_, true, &lay, *free_image_, 0);
        free_dirty_ = false;
    }
    if (flight_) {
        snapshot(flight_->from);
        snapshot(flight_->to);
        bare(flight_->from);
        bare(flight_->to);
    } else {
        snapshot(cur);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, w_, h_);
    draw_map(cam);
    if (flight_) {
        const Phase ph = phase();
        draw_caption(layout(flight_->from), deck_.scenes[size_t(flight_->from)], ph.leaving, flight_->from);
        draw_caption(layout(flight_->to), deck_.scenes[size_t(flight_->to)], ph.arriving, flight_->to);
    } else {
        const float a = fade_t_ < 1 ? float(ease_in_out(fade_t_)) : 1.f;
        draw_caption(layout(cur), deck_.scenes[size_t(cur)], a, cur);
    }
    draw_overlays();
}

bool Presenter::render_scene_rgba(int i, std::vector<unsigned char>& rgba) {
    if (i < 0 || i >= int(deck_.scenes.size())) return false;
    const int before = nav_.current();
    nav_.go(i);
    flight_.reset();
    fade_t_ = 1;
    free_cam_.reset();
    RenderTarget rt;
    if (!rt.create(w_, h_, 0)) return false;
    snapshot(i);
    layout(i);
    draw(rt.fbo);
    rgba.resize(size_t(w_) * h_ * 4);
    rt.read_rgba(rgba.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    nav_.go(before);
    return true;
}

void Presenter::replace_deck(Deck d) {
    const int cur = nav_.current();
    live_end();  // the scene asked about may have changed
    deck_ = std::move(d);
    nav_.set_count(int(deck_.scenes.size()));
    nav_.go(std::min(cur, int(deck_.scenes.size()) - 1));
    flight_.reset();
    fade_from_.reset();
    fade_t_ = 1;
    drop_caches();
}

Scene Presenter::capture_view() const {
    auto* self = const_cast<Presenter*>(this);
    MapView v;
    v.user_layers = opt_.user_layers;
    const int cur = nav_.current();
    if (!deck_.scenes.empty()) apply_scene(deck_.scenes[size_t(cur)], v);
    v.cam = camera();
    Scene s = scene_from_view(v, deck_.scenes.empty() ? BBox{} : self->layout(cur).free);
    if (!deck_.scenes.empty()) {
        const Scene& src = deck_.scenes[size_t(cur)];
        s.heatmap = src.heatmap;
        s.whatif = src.whatif;
        s.municipalities = src.municipalities;
        s.caption = {};
    }
    return s;
}

void Presenter::insert_after_current(Scene s) {
    if (live_) live_end();
    const int at = deck_.scenes.empty() ? 0 : nav_.current() + 1;
    insert_scene(deck_, size_t(at), std::move(s));
    nav_.set_count(int(deck_.scenes.size()));
    nav_.go(at);
    flight_.reset();
    free_cam_.reset();
    fade_t_ = 1;
    drop_caches();
}

bool Presenter::move_current(int delta) {
    if (live_) live_end();
    const int cur = nav_.current(), to = cur + delta;
    if (!move_scene(deck_, size_t(cur), size_t(std::max(0, to)))) return false;
    if (to < 0) return false;
    nav_.go(to);
    flight_.reset();
    fade_t_ = 1;
    drop_caches();
    return true;
}

}  // namespace viewer
