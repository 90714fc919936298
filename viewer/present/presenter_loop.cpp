// The presenter window: loads the deck, opens a full-screen window, and runs the event loop (keys, mouse, the
// scenes file changing on disk, drawing while animating, prefetching while idle). With two or more displays
// (issue 14) the audience window goes full screen on one and the speaker's window (speaker_view.h) on another;
// both share one GL context and every key works in either. With one display, P toggles the speaker's view.
#include <SDL.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>

#include "viewer/platform/window.h"
#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"

namespace viewer {

namespace {

using Clock = std::chrono::steady_clock;

// Drawable pixels per window unit (HiDPI): mouse positions come in window units.
double pixel_ratio(SDL_Window* win) {
    int ww, wh, fw, fh;
    SDL_GetWindowSize(win, &ww, &wh);
    SDL_GL_GetDrawableSize(win, &fw, &fh);
    return ww > 0 ? double(fw) / ww : 1;
}

// The event loop's state.
// "14:05", the local time.
std::string clock_text() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

class Loop {
public:
    Loop(Presenter& p, platform::Window& audience, platform::Window* speaker, const std::string& deck_path)
        : p_(p), audience_(audience), speaker_(speaker), win_(audience.sdl()), deck_path_(deck_path) {
        mtime_ = std::filesystem::last_write_time(deck_path_, ec_);
        last_ = last_check_ = last_mouse_ = start_ = last_tick_ = Clock::now();
    }

    void run() {
        while (run_) {
            SDL_Event ev;
            while (SDL_PollEvent(&ev)) handle(ev);
            frame();
        }
    }

    // Smoke test (--frames N): draws N frames, pressing P (the speaker's view) after 2 and Right (a flight)
    // after 4, then quits. Returns the frames drawn.
    int run_frames(int n) {
        int drawn = 0;
        auto press = [](SDL_Keycode k) {
            SDL_Event e{};
            e.type = SDL_KEYDOWN;
            e.key.keysym.sym = k;
            SDL_PushEvent(&e);
        };
        while (run_ && drawn < n) {
            if (drawn == 2) press(SDLK_p);
            if (drawn == 4) press(SDLK_RIGHT);
            SDL_Event ev;
            while (SDL_PollEvent(&ev)) handle(ev);
            dirty_ = true;
            frame();
            ++drawn;
        }
        return drawn;
    }
    bool speaker_view() const { return speaker_view_ || speaker_; }

private:
    Presenter& p_;
    platform::Window& audience_;
    platform::Window* speaker_;  // the speaker's own window (two displays), or nullptr
    SDL_Window* win_;
    Clock::time_point start_, last_tick_;
    bool speaker_view_ = false;  // one display: the speaker's view instead of the audience picture (P)
    const std::string& deck_path_;
    std::error_code ec_;
    std::filesystem::file_time_type mtime_;
    Clock::time_point last_, last_check_, last_mouse_;
    bool run_ = true, dirty_ = true, dragging_ = false, fullscreen_ = true;
    SDL_Cursor* crosshair_ = nullptr;

    void key(const SDL_KeyboardEvent& k) {
        int digit = 0;
        const Cmd c = command_for_key(k.keysym.sym, k.keysym.mod, &digit);
        const Navigator::Result r = p_.command(c, digit);
        if (r.quit) run_ = false;
        if (r.toggle_fullscreen) {
            fullscreen_ = !fullscreen_;
            SDL_SetWindowFullscreen(win_, fullscreen_ ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        }
        if (r.reload || r.save_view || r.move_scene || r.save_live) mtime_ = std::filesystem::last_write_time(deck_path_, ec_);
        if (r.toggle_speaker && !speaker_) speaker_view_ = !speaker_view_;
        if (r.reset_timer) start_ = Clock::now();
        if (p_.live()) {  // a live question: the cursor stays, as a crosshair, for placing sites
            if (!crosshair_) crosshair_ = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_CROSSHAIR);
            SDL_SetCursor(crosshair_);
            SDL_ShowCursor(SDL_ENABLE);
        } else if (crosshair_) {
            SDL_SetCursor(SDL_GetDefaultCursor());
        }
        dirty_ = true;
    }

    // issue 14: a click during a live question, in the audience window or on the audience picture in the
    // speaker's view, as a pixel of the audience picture.
    bool live_click(const SDL_MouseButtonEvent& b) {
        SDL_Window* w = SDL_GetWindowFromID(b.windowID);
        if (!w) return false;
        const double k = pixel_ratio(w);
        geo::P2 px{b.x * k, b.y * k};
        const bool speaker_window = (speaker_ && w == speaker_->sdl()) || (!speaker_ && speaker_view_);
        if (speaker_window) {
            int sw, sh;
            SDL_GL_GetDrawableSize(w, &sw, &sh);
            const SpeakerLayout L = speaker_layout(sw, sh, double(p_.width()) / p_.height());
            if (!L.current.contains(px)) return false;
            px = {(px.x - L.current.minx) / L.current.width() * p_.width(), (px.y - L.current.miny) / L.current.height() * p_.height()};
        }
        return p_.live_click(px);
    }

    // The frame into the window(s): the audience picture, the speaker's view, or both.
    void draw() {
        SpeakerInfo info;
        info.elapsed_s = std::chrono::duration<double>(Clock::now() - start_).count();
        info.clock = clock_text();
        if (speaker_) {
            int sw, sh;
            speaker_->drawable_size(sw, sh);
            speaker_->make_current();
            p_.draw_speaker(0, sw, sh, info);
            speaker_->swap();
            audience_.make_current();
            p_.blit_audience(0);
        } else if (speaker_view_) {
            int fw, fh;
            SDL_GL_GetDrawableSize(win_, &fw, &fh);
            p_.draw_speaker(0, fw, fh, info);
        } else {
            p_.draw(0);
        }
        SDL_GL_SwapWindow(win_);
    }

    void handle(const SDL_Event& ev) {
        switch (ev.type) {
            case SDL_QUIT: run_ = false; break;
            case SDL_KEYDOWN: key(ev.key); break;
            case SDL_WINDOWEVENT: dirty_ = true; break;
            case SDL_MOUSEMOTION:
                SDL_ShowCursor(SDL_ENABLE);
                last_mouse_ = Clock::now();
                if (dragging_ && ev.motion.windowID == SDL_GetWindowID(win_) && !speaker_view_) {
                    const double k = pixel_ratio(win_);
                    p_.pan_pixels(ev.motion.xrel * k, ev.motion.yrel * k);
                    dirty_ = true;
                }
                break;
            case SDL_MOUSEBUTTONDOWN:
                if (ev.button.button == SDL_BUTTON_LEFT && p_.live()) {
                    if (live_click(ev.button)) dirty_ = true;
                } else if (ev.button.button == SDL_BUTTON_LEFT) {
                    dragging_ = true;
                }
                break;
            case SDL_MOUSEBUTTONUP:
                if (ev.button.button == SDL_BUTTON_LEFT) dragging_ = false;
                break;
            case SDL_MOUSEWHEEL: {
                if (ev.wheel.windowID != SDL_GetWindowID(win_) || speaker_view_) break;
                int mx, my;
                SDL_GetMouseState(&mx, &my);
                const double k = pixel_ratio(win_);
                p_.zoom_about({mx * k, my * k}, std::pow(1.2, ev.wheel.y));
                dirty_ = true;
                break;
            }
            default: break;
        }
    }

    // After the events: follow the window size, advance the animation, draw or prefetch.
    void frame() {
        int fw, fh;
        SDL_GL_GetDrawableSize(win_, &fw, &fh);
        if (fw != p_.width() || fh != p_.height()) {
            p_.set_size(fw, fh);
            dirty_ = true;
        }
        const auto now = Clock::now();
        const double dt = std::chrono::duration<double>(now - last_).count();
        last_ = now;
        const bool was_animating = p_.animating();
        p_.update(dt);
        if (std::chrono::duration<double>(now - last_mouse_).count() > 2.5 && !p_.live()) SDL_ShowCursor(SDL_DISABLE);
        // The scenes file changed on disk (someone is editing it): reload; a broken file keeps the old deck.
        if (std::chrono::duration<double>(now - last_check_).count() > 1.0) {
            last_check_ = now;
            auto t = std::filesystem::last_write_time(deck_path_, ec_);
            if (!ec_ && t != mtime_) {
                mtime_ = t;
                p_.command(Cmd::Reload);
                dirty_ = true;
            }
        }
        // The speaker's view shows the time: redrawn every second.
        if ((speaker_ || speaker_view_) && std::chrono::duration<double>(now - last_tick_).count() >= 1.0) {
            last_tick_ = now;
            dirty_ = true;
        }
        if (p_.animating() || was_animating || dirty_ || p_.live_computing()) {
            // (A live question's figure being computed on the worker: drawn again until it is ready, calmly.)
            const bool computing = p_.live_computing();
            draw();
            dirty_ = false;
            if (computing && !p_.animating()) SDL_WaitEventTimeout(nullptr, 40);
        } else if (!p_.prefetch_step()) {
            SDL_WaitEventTimeout(nullptr, 250);
        }
    }
};

}  // namespace

int run_presenter(const geo::Dataset& data, const std::string& deck_path, const AnalysisOptions& analysis, int display,
                  int max_frames, const std::vector<UserLayerEntry>& user_layers) {
    SceneCatalog cat = SceneCatalog::from(data, user_layers);
    Deck deck;
    std::string error;
    try {
        deck = load_deck(deck_path, &cat);
    } catch (const SceneError& e) {
        error = e.what();
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        deck.path = deck_path;
    }
    // The audience's display: --display N (1-based), else the second one when there are two or more (the
    // projector beside the laptop), else the only one. The speaker's window goes on the first other display.
    const int displays = platform::display_count();
    if (display > displays) {
        std::fprintf(stderr, "trekkaart: --display %d: there %s %d display%s\n", display, displays == 1 ? "is" : "are",
                     displays, displays == 1 ? "" : "s");
        return 2;
    }
    const int audience = display > 0 ? display - 1 : (displays >= 2 ? 1 : 0);
    platform::WindowOptions wo;  // full screen on the desktop's resolution, physical pixels on HiDPI
    wo.title = "trekkaart — presentatie";
    wo.w = 1600;
    wo.h = 900;
    wo.resizable = wo.high_dpi = wo.fullscreen = true;
    wo.display = audience;
    std::unique_ptr<platform::Window> win, speaker;
    try {
        win = std::make_unique<platform::Window>(wo);
        if (displays >= 2) {
            platform::WindowOptions so = wo;
            so.title = "trekkaart — sprekersweergave";
            so.display = audience == 0 ? 1 : 0;
            speaker = std::make_unique<platform::Window>(so, *win);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        return 3;
    }
    SDL_ShowCursor(SDL_DISABLE);
    int code = 0;
    try {
        MapRenderer renderer(data);
        SceneHeatmaps heat(data, analysis);
        for (const Scene& s : deck.scenes) heat.prepare(s);  // up front: no computing while presenting
        PresenterOptions po;
        po.user_layers = user_layers;
        Presenter p(data, renderer, std::move(deck), heat.hooks(renderer.origin()), po);
        if (!error.empty()) p.set_message(error, true, 1e9);
        Loop loop(p, *win, speaker.get(), deck_path);
        if (max_frames > 0) {
            const int drawn = loop.run_frames(max_frames);
            std::fprintf(stderr, "trekkaart: presenter drew %d of %d frames (speaker's view %s, scene %d)\n", drawn,
                         max_frames, loop.speaker_view() ? "on" : "off", p.current() + 1);
            if (drawn < max_frames) code = 3;
        } else {
            loop.run();
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        code = 3;
    }
    speaker.reset();  // before the window whose context it shares
    return code;
}

}  // namespace viewer
