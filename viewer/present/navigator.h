// Presenter navigation (pure logic, no GL): what a key means (Cmd) and where the deck is (Navigator).
#pragma once
#include <string>

namespace viewer {

enum class Cmd {
    None, Next, Prev, First, Last, Digit, Enter, Backspace, Escape,
    Fullscreen, Black, White, Help, Lang, Reload, SaveView, MoveEarlier, MoveLater,
    SpeakerView, ResetTimer,  // issue 14: P presenter view (one display), T restarts the elapsed time
    LiveQuestion, SaveLive    // issue 14: V live question ("what if ...?") on/off, S saves it as a scene
};

// The command for an SDL key (SDL_Keycode) with modifiers (SDL_Keymod); digit receives 0-9 for Cmd::Digit.
Cmd command_for_key(int sdl_keycode, unsigned sdl_mod, int* digit = nullptr);

class Navigator {
public:
    enum class Blank { None, Black, White };
    struct Result {
        bool moved = false;         // current() changed
        bool quit = false;          // leave the presenter
        bool redraw = false;        // something visible changed (blank, help, typed number, ...)
        bool toggle_fullscreen = false, toggle_lang = false, reload = false, save_view = false;
        int move_scene = 0;         // -1 earlier, +1 later (the presenter edits the deck)
        bool toggle_speaker = false, reset_timer = false;  // issue 14 (for the window owner)
        bool toggle_live = false, save_live = false;        // issue 14: live question (the presenter acts)
    };

    explicit Navigator(int count = 0) { set_count(count); }
    void set_count(int n);          // keeps current() in range
    int count() const { return n_; }
    int current() const { return cur_; }
    bool go(int index);             // false (and no change) when out of range or already there

    Result apply(Cmd c, int digit = 0);
    const std::string& typed() const { return typed_; }  // digits typed so far (shown on screen)
    Blank blank() const { return blank_; }
    bool help() const { return help_; }

private:
    int n_ = 0, cur_ = 0;
    std::string typed_;
    Blank blank_ = Blank::None;
    bool help_ = false;
};

}  // namespace viewer
