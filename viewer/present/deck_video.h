// The deck played through frame by frame, offscreen, at a fixed frame rate: what `trekkaart export --scene FILE
// --video talk.mp4` encodes. The frames are the presenter's own pictures (Presenter::draw), so a frame at a
// scene's rest is that scene's handout (Presenter::render_scene_rgba, --screenshot-scenes).
//
// The timeline: scene 1 rests for seconds_per_scene; then the transition to scene 2 (caption and furniture fade
// out, the flight, the next caption fades in: Presenter::phase), then scene 2 rests, and so on; the last scene
// rests too. Frame k shows time k / fps.
#pragma once
#include <functional>
#include <vector>

#include "viewer/present/presenter.h"

namespace viewer {

struct DeckVideoTiming {
    int fps = 30;
    double seconds_per_scene = 6;  // rest on each scene (after its caption has faded in)
};

// Where the scenes are in the video, in frames.
struct DeckVideoPlan {
    std::vector<int> rest_begin, rest_end;  // scene i rests on frames [rest_begin[i], rest_end[i])
    int frames = 0;
    double seconds(int fps) const { return fps > 0 ? double(frames) / fps : 0; }
};

// The same timeline without rendering (flight durations from the presenter's camera paths), for progress and
// tests. Needs the presenter's size set (layouts decide the cameras).
DeckVideoPlan plan_deck_video(Presenter& p, const DeckVideoTiming& t);

// A frame: RGBA, width() x height() of the presenter, top row first; frame index and the scene shown (during a
// transition: the one arriving). Return false to stop (cancel).
using DeckFrameSink = std::function<bool(const unsigned char* rgba, int frame, int scene)>;

// Plays the deck through p (its size is the video size) and hands every frame to sink. Returns the plan that was
// played (frames = the frames handed over; fewer when the sink stopped). Throws std::runtime_error when GL
// cannot allocate the frame.
DeckVideoPlan play_deck(Presenter& p, const DeckVideoTiming& t, const DeckFrameSink& sink);

}  // namespace viewer
