// Presenter mode: a deck of scenes (viewer/model/scenes.h) shown full-screen, one scene at a time, with
// large bilingual captions, a discreet progress indicator, a help overlay, black/white screens, and smooth
// camera flights between scenes (van Wijk & Nuij, viewer/model/camera_path.h).
//
//     trekkaart --present assets/scenes/trek-in-twente.json
//     trekkaart --present deck.json --screenshot-scenes out/     (one PNG per scene, for handouts)
//
// Keys (what clickers send): Right / PageDown / Space / Enter next, Left / PageUp / Backspace previous,
// Home / End first / last, a number then Enter jumps, F full screen, B (or '.') black and W white screen,
// H help, L Dutch/English, R reload the file, Esc leaves (first closes help / a blank screen / a typed number).
// V a live question ("wat als?": click to drop or move a what-if site; the next key returns to the scene as
// written; S keeps it as a new scene): presenter_live.cpp.
// Authoring: mouse drag/wheel looks around freely, Ctrl+S stores the current view as a new scene after the
// current one, Ctrl+PageUp / Ctrl+PageDown move the current scene earlier / later (both save the file).
//
// How frames stay cheap on a software GL (llvmpipe): a scene at rest is one cached picture ("snapshot",
// rendered once with 4x MSAA) copied to the screen, plus the caption. A transition has three parts:
//   1. before the camera moves, the caption and the snapshot's furniture (legend, scale bar, labels that avoid
//      the caption) fade out over the scene's "bare" picture (same camera, no furniture) -- both at 1:1;
//   2. the flight, composited from cached pictures of the map ("keyframes") rendered ahead of time along the
//      path: each covers a stretch of the path at the finest scale of that stretch, so it is only ever shown at
//      1:1 or reduced (unless the flight's keyframes exceed PresenterOptions::flight_screens: then they are
//      rendered at a lower resolution). The previous scene's content and the next one's are separate keyframe
//      sets that cross-fade in the middle of the flight;
//   3. after it lands, the next scene's furniture and caption fade in over its bare picture.
// A frame is at most two full-screen pictures: the stronger one bilinear (or copied, at 1:1), the weaker one
// blended with nearest sampling (exact at 1:1), plus the caption text. Pictures for the neighbouring scenes
// are rendered while the presenter waits on a scene (prefetch_step()), within a memory bound (cache_screens).
// The speaker's view (speaker_view.h, presenter_speaker.cpp) shows the audience frame small, the next scene,
// the notes and the time; deck_video.h plays the deck frame by frame for `export --video`.
//
// The parts, one file each: navigator.h (keys and where the deck is), caption_layout.h (the caption panel),
// keyframes.h (flight pictures); presenter.cpp (the state machine), presenter_pictures.cpp (rendering and
// caching the pictures), compositor.cpp (putting them on screen), presenter_overlays.cpp (caption, progress,
// help, messages), presenter_loop.cpp (the window); presenter_parts.h holds what those share. This header
// includes the first three, so it alone gives a caller everything the presenter offers.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"
#include "viewer/model/camera_path.h"
#include "viewer/model/scenes.h"
#include "viewer/model/user_style.h"
#include "viewer/present/caption_layout.h"
#include "viewer/present/keyframes.h"
#include "viewer/present/navigator.h"
#include "viewer/present/speaker_view.h"
#include "viewer/render/map_renderer.h"
#include "viewer/render/text.h"

namespace viewer {

class UiPainter;  // viewer/render/ui_batch.h

// ---- The presenter ------------------------------------------------------------------------------------------

// Hooks for layers that other parts of trekkaart provide.
struct PresenterHooks {
    // Draws a scene's heatmap for the tile camera (inside MapRenderer's overlay pass, after the polygon
    // fills); returns false when that measure cannot be drawn. ui_scale: the presenter's text/line scale.
    std::function<bool(const Scene& s, const Camera& tile_cam, float ui_scale)> draw_heatmap;
    // Its legend (drawn with the map furniture).
    std::function<std::optional<RampLegend>(const Scene& s, float ui_scale)> heatmap_legend;
    // "" or a line for the caption panel saying why the scene's heatmap is not drawn.
    std::function<std::string(const Scene& s)> heatmap_note;
    // issue 14, live questions: the figure of a live scene (the scene as written plus the sites the speaker
    // dropped or moved), e.g. the reach sentence or the minutes saved; "" when there is none. live_reset frees
    // what earlier live scenes computed (called before each new live scene and when the live question ends).
    std::function<std::string(const Scene& live, const Scene& scripted)> live_figure;
    std::function<void()> live_reset;
    // The same figure without blocking (the frame loop keeps drawing): nullopt while it is computed; called
    // again each frame with the same scenes. Without it live_figure is used (blocking).
    std::function<std::optional<std::string>(const Scene& live, const Scene& scripted)> live_figure_try;
};

struct PresenterOptions {
    double rho = 1.4;                  // van Wijk-Nuij zoom/pan trade-off
    double speed = 0.9, min_seconds = 1.0, max_seconds = 4.5;  // flight duration = clamp(S / speed)
    double fade_seconds = 0.45;        // cross-fade for jumps made during a flight
    double furniture_seconds = 0.3;    // caption and furniture fade out before a flight and in after it
    int snapshot_samples = 4;          // MSAA of scene pictures at rest
    double keyframe_scale = 1.5;       // keyframe size limit, in screens per side
    float ui_scale = 0;                // map text/symbol scale; 0: screen height / 800
    // Memory bounds (issue 14), in full-screen pictures (w x h x 4 bytes each; 8.3 MB at 1920x1080):
    // the keyframes of one flight at most (beyond, its keyframes are rendered at a lower resolution), and all
    // pictures kept while resting (the flight back to the previous scene is prepared only when it fits; else it
    // is prepared when asked for).
    double flight_screens = 8;
    double cache_screens = 20;
    // issue 12: the session's own layers (a project's, --layer's; bottom first), drawn in their styles in every
    // scene; a scene's "user:NAME" shows or hides one (apply_scene). Reloading the deck checks its names against them.
    std::vector<UserLayerEntry> user_layers;
};

class Presenter {
public:
    // Needs a current GL 3.3 context (the renderer's). The deck may be empty (then the map of Twente and
    // `error` are shown).
    Presenter(const geo::Dataset& data, MapRenderer& renderer, Deck deck, PresenterHooks hooks = {},
              PresenterOptions opt = {});
    ~Presenter();
    Presenter(const Presenter&) = delete;
    Presenter& operator=(const Presenter&) = delete;

    void set_size(int w, int h);       // output size in pixels; a change drops the cached pictures
    int width() const { return w_; }
    int height() const { return h_; }

    // Input. Returns what the navigator decided (quit, fullscreen: for the window owner).
    Navigator::Result command(Cmd c, int digit = 0);
    void go(int index, bool animate = true);  // to a scene (flies when animate)
    void pan_pixels(double dx, double dy);    // free look (leaves the scene camera until the next move)
    void zoom_about(geo::P2 px, double factor);

    void update(double dt);            // advances a flight / fade
    bool animating() const;
    bool prefetch_step();              // renders one pending picture; false when nothing is pending
    bool prefetch_pending() const;
    void keep_only_neighbours();       // drops the pictures of scenes and flights not next to the current scene
    void draw(unsigned fbo);           // the frame, into framebuffer fbo of size width() x height()
    // Renders scene i at rest (no flight) into rgba (top row first), for handouts and tests.
    bool render_scene_rgba(int i, std::vector<unsigned char>& rgba);
    // issue 14: the speaker's view (speaker_view.h) into framebuffer fbo of size sw x sh. It renders the audience
    // picture (draw()) offscreen first and shows it scaled; blit_audience then copies that same picture into the
    // audience's framebuffer (width() x height()), so both windows show one frame.
    void draw_speaker(unsigned fbo, int sw, int sh, const SpeakerInfo& info);
    void blit_audience(unsigned fbo);

    // State (tests and the window owner).
    const Deck& deck() const { return deck_; }
    const Navigator& nav() const { return nav_; }
    int current() const { return nav_.current(); }
    Camera camera() const;             // the camera of the frame draw() shows now
    bool flying() const { return bool(flight_); }
    double flight_t() const;           // 0..1 through the current transition (1 when at rest)
    // Where a transition is: u 0..1 along the camera path (eased), and the opacity of the scene left behind
    // (caption + furniture, fading out before the camera moves) and of the one arriving (fading in after).
    struct Phase { double u = 1; float leaving = 0, arriving = 0; };
    Phase phase() const;
    const CaptionLayout& layout(int i);  // scene i's caption layout for the current size and language
    std::vector<geo::P2> highlight_points(const Scene& s) const;  // RD points of venues, municipalities, what-ifs
    void set_message(const std::string& text, bool error, double seconds = 8);
    const std::string& message() const { return message_; }  // "" when none is shown
    bool message_is_error() const { return message_error_; }

    // issue 14: live questions ("what if the Dome were in Almelo?"). V (Cmd::LiveQuestion) starts one at the
    // current scene: a click on the map drops a what-if site (live_click), a click on a site (or on a reach
    // scene's highlighted venue) and then elsewhere moves it; the heatmap and its figure are computed again through
    // the hooks and shown, marked as live, on the audience picture and the speaker's view. The next navigation key
    // (or Esc, or V) ends it and the scene is shown exactly as written; S (Cmd::SaveLive) stores the live scene as
    // a new scene after the current one and saves the file. Nothing else is ever written.
    bool live() const { return bool(live_); }
    bool live_begin();                 // false when there is no scene to ask about
    void live_end();
    // A click at screen pixel px (audience picture): places, selects or moves a site. False when nothing changed.
    bool live_click(geo::P2 px);
    const Scene* live_scene() const { return live_ ? &*live_ : nullptr; }
    int live_selected() const { return live_sel_; }  // index into live_scene()->whatif, -1 none
    const std::string& live_figure();  // the live figure line (computed when the live scene changed; blocks)
    // The live figure is being computed (draw() does not wait for it: the band says "computing…" and the
    // result is drawn in the first frame after it is ready). The frame loop keeps drawing meanwhile.
    bool live_computing() const { return bool(live_asked_); }
    const std::string& live_band_text() const { return live_band_text_; }  // what the band said in the last frame
    const CaptionLayout& live_layout() const { return live_layout_; }      // of the live picture last made
    std::string live_save();           // "" or the error; ends the live question on success

    // Deck editing (the file is saved by the caller / the presenter loop).
    void replace_deck(Deck d);         // keeps the current scene index when possible
    Scene capture_view() const;        // the current view as a new scene (content of the current scene)
    void insert_after_current(Scene s);
    bool move_current(int delta);

    // Time statistics of the last frames (bench).
    struct Stats {
        int keyframes_rendered = 0, snapshots_rendered = 0;
        double render_ms = 0;
        double fade_area = 0;  // share of the screen blended in the last furniture fade
    };
    const Stats& stats() const { return stats_; }
    // Bytes of the pictures the presenter keeps now (GL colour buffers: snapshots, bare pictures, keyframes,
    // captured frames, the MSAA target), for the bench and the memory test (issue 14).
    size_t cache_bytes() const;
    void prepare_flight(int from, int to);  // renders the flight's pictures now (normally prefetched)
    // How long the transition from scene `from` to `to` takes: furniture out, flight, furniture in (seconds).
    double transition_seconds(int from, int to) const;

    struct Image;                      // a cached map picture (texture + the camera it shows)
    struct Flight;

private:
    const geo::Dataset& data_;
    MapRenderer& renderer_;
    Deck deck_;
    PresenterHooks hooks_;
    PresenterOptions opt_;
    Navigator nav_;
    int w_ = 0, h_ = 0;
    float ui_scale_ = 1;
    Lang lang_seen_ = Lang::NL;
    std::unique_ptr<TextRenderer> text_;
    std::map<int, CaptionLayout> layouts_;
    std::map<int, std::unique_ptr<Image>> snapshots_;
    std::map<int, std::unique_ptr<Image>> bares_;  // the scenes' pictures without furniture (transitions)
    std::map<std::pair<int, int>, std::unique_ptr<Flight>> flights_;  // prepared flights (from, to)
    std::unique_ptr<Flight> flight_;   // the one in progress
    // Cut (cross-fade) from a captured frame to a scene, for moves made during a flight or in free look.
    std::unique_ptr<Image> fade_from_;
    double fade_t_ = 1;
    // Free look.
    std::optional<Camera> free_cam_;
    std::unique_ptr<Image> free_image_;
    bool free_dirty_ = false;
    // On-screen message (file reloaded, saved, error).
    std::string message_;
    bool message_error_ = false;
    double message_left_ = 0;
    Stats stats_;
    // GL objects: screen-space triangles, and textured quads for compositing pictures.
    std::unique_ptr<UiPainter> ui_;
    unsigned prog_img_ = 0, vao_ = 0, vbo_ = 0;
    unsigned sampler_linear_ = 0, sampler_nearest_ = 0;
    struct Scratch;
    std::unique_ptr<Scratch> scratch_;
    // Speaker view: the audience frame, and the next scene at rest with its caption (for scene next_of_).
    std::unique_ptr<Image> audience_, next_pic_;
    int next_of_ = -1;
    void draw_notes(const Scene& s, const SpeakerLayout& L, int sw, int sh);
    // Live question (presenter_live.cpp): the live scene, the selected site, its picture, caption and figure.
    std::optional<Scene> live_;
    int live_sel_ = -1;
    bool live_dirty_ = false;          // the live scene changed: figure, layout and picture are made again
    std::unique_ptr<Image> live_image_;
    CaptionLayout live_layout_;
    std::string live_figure_;
    std::optional<Scene> live_asked_;  // the live scene whose figure the worker computes (live_computing)
    std::vector<bool> live_dropped_;   // per live site: dropped during the question (a click on itself removes it)
    std::string live_band_text_;
    void live_prepare(bool block = false);  // figure, layout and picture of the live scene, when dirty
    std::string live_band_hint(int picked) const;
    void draw_live_band();

    void drop_caches();
    void check_lang();
    std::string heatmap_note(const Scene& s) const;
    MapView scene_view(const Scene& s, const Camera& cam, bool furniture, const CaptionLayout* lay) const;
    void render_picture(const Scene& s, const Camera& cam, bool furniture, const CaptionLayout* lay, Image& out,
                        int samples);
    Image& snapshot(int i);
    Image& bare(int i);
    const std::vector<geo::BBox>& fade_tiles(int i);
    bool scene_pictures_ready(int i) const;
    bool scene_pictures_step(int i);
    void fade_furniture(const Image& bare, const Image& snap, const std::vector<geo::BBox>& tiles, float alpha,
                        const Camera& view);
    std::unique_ptr<Flight> plan_flight(int from, int to) const;
    bool render_next_keyframe(Flight& f);
    void start_move(int from, int to, bool animate);
    void capture_frame(Image& out);
    void draw_map(const Camera& cam);
    // Draws a cached picture through `view` with opacity alpha. At 1:1 on whole pixels it is copied exactly (a
    // blit when opaque); otherwise bilinear, or nearest when `coarse` (half the cost on llvmpipe).
    void draw_image(const Image& img, const Camera& view, float alpha, bool coarse = false);
    void draw_quads(const Image& img, const Camera& view, float alpha, bool nearest, const float* xyuv, int vertices);
    // Pictures bottom to top (the first opaque) composited as "over"; two that both cover the screen are drawn
    // as the stronger one opaque (bilinear, or nearest when `coarse`), the weaker (alpha <= 0.5) nearest on top
    // -- the same result with one bilinear pass fewer.
    struct Layer {
        const Image* img;
        float alpha;
        bool fixed = false;  // shown as it was captured (through its own camera), not through the view
    };
    void composite(const std::vector<Layer>& layers, const Camera& view, bool coarse = false);
    bool covers(const Image& img, const Camera& view) const;
    void draw_caption(const CaptionLayout& lay, const Scene& s, float alpha, double progress);
    void draw_overlays();
    void draw_whatif(const Scene& s, const Camera& cam, float s_ui);
};

// The presenter window (full screen) for a deck file. Returns the process exit code. display: the audience's
// display, 1-based (0: the second one when there are two or more, which then get a speaker's window too).
// user_layers: the session's own layers (a project's), which the deck's "user:NAME" may name.
int run_presenter(const geo::Dataset& data, const std::string& deck_path, const AnalysisOptions& analysis = {},
                  int display = 0, int max_frames = 0,  // max_frames > 0: smoke test (Loop::run_frames)
                  const std::vector<UserLayerEntry>& user_layers = {});

}  // namespace viewer
