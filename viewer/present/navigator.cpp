#include "viewer/present/navigator.h"

#include <SDL.h>

#include <algorithm>

namespace viewer {

Cmd command_for_key(int key, unsigned mod, int* digit) {
    const bool ctrl = (mod & KMOD_CTRL) != 0;
    if (digit) *digit = 0;
    if (key >= SDLK_0 && key <= SDLK_9) {
        if (digit) *digit = key - SDLK_0;
        return Cmd::Digit;
    }
    if (key >= SDLK_KP_1 && key <= SDLK_KP_9) {
        if (digit) *digit = key - SDLK_KP_1 + 1;
        return Cmd::Digit;
    }
    if (key == SDLK_KP_0) return Cmd::Digit;
    if (ctrl) {
        switch (key) {
            case SDLK_s: return Cmd::SaveView;
            case SDLK_PAGEUP: return Cmd::MoveEarlier;
            case SDLK_PAGEDOWN: return Cmd::MoveLater;
            default: return Cmd::None;
        }
    }
    switch (key) {
        case SDLK_RIGHT:
        case SDLK_DOWN:
        case SDLK_PAGEDOWN:
        case SDLK_SPACE:
        case SDLK_n: return Cmd::Next;
        case SDLK_LEFT:
        case SDLK_UP:
        case SDLK_PAGEUP: return Cmd::Prev;
        case SDLK_p: return Cmd::SpeakerView;
        case SDLK_t: return Cmd::ResetTimer;
        case SDLK_v: return Cmd::LiveQuestion;
        case SDLK_s: return Cmd::SaveLive;
        case SDLK_RETURN:
        case SDLK_KP_ENTER: return Cmd::Enter;
        case SDLK_BACKSPACE: return Cmd::Backspace;
        case SDLK_HOME: return Cmd::First;
        case SDLK_END: return Cmd::Last;
        case SDLK_ESCAPE: return Cmd::Escape;
        case SDLK_f:
        case SDLK_F11: return Cmd::Fullscreen;
        case SDLK_b:
        case SDLK_PERIOD: return Cmd::Black;
        case SDLK_w:
        case SDLK_COMMA: return Cmd::White;
        case SDLK_h:
        case SDLK_F1:
        case SDLK_SLASH: return Cmd::Help;
        case SDLK_l: return Cmd::Lang;
        case SDLK_r: return Cmd::Reload;
        default: return Cmd::None;
    }
}

void Navigator::set_count(int n) {
    n_ = std::max(0, n);
    cur_ = n_ > 0 ? std::clamp(cur_, 0, n_ - 1) : 0;
}

bool Navigator::go(int i) {
    if (i < 0 || i >= n_ || i == cur_) return false;
    cur_ = i;
    return true;
}

Navigator::Result Navigator::apply(Cmd c, int digit) {
    Result r;
    // While the screen is blank, navigation only brings the picture back: the next click of a clicker must
    // not skip a scene nobody saw.
    if (blank_ != Blank::None && (c == Cmd::Next || c == Cmd::Prev || c == Cmd::First || c == Cmd::Last ||
                                  c == Cmd::Enter || c == Cmd::Backspace || c == Cmd::Escape)) {
        blank_ = Blank::None;
        typed_.clear();
        r.redraw = true;
        return r;
    }
    auto move = [&](int to) {
        typed_.clear();
        help_ = false;
        r.moved = go(to);
        r.redraw = true;
    };
    switch (c) {
        case Cmd::None: break;
        case Cmd::Next: move(cur_ + 1); break;
        case Cmd::Prev: move(cur_ - 1); break;
        case Cmd::First: move(0); break;
        case Cmd::Last: move(n_ - 1); break;
        case Cmd::Digit:
            if (typed_.size() < 4 && !(typed_.empty() && digit == 0)) typed_ += char('0' + std::clamp(digit, 0, 9));
            r.redraw = true;
            break;
        case Cmd::Enter:
            if (typed_.empty()) {
                move(cur_ + 1);  // Enter alone: next, like the other presentation programs
            } else {
                const int k = std::stoi(typed_);
                typed_.clear();
                help_ = false;
                r.redraw = true;
                if (k >= 1 && k <= n_) r.moved = go(k - 1);
            }
            break;
        case Cmd::Backspace:
            if (!typed_.empty()) {
                typed_.pop_back();
                r.redraw = true;
            } else {
                move(cur_ - 1);
            }
            break;
        case Cmd::Escape:
            if (!typed_.empty()) typed_.clear();
            else if (help_) help_ = false;
            else r.quit = true;
            r.redraw = true;
            break;
        case Cmd::Black:
            blank_ = blank_ == Blank::Black ? Blank::None : Blank::Black;
            typed_.clear();
            r.redraw = true;
            break;
        case Cmd::White:
            blank_ = blank_ == Blank::White ? Blank::None : Blank::White;
            typed_.clear();
            r.redraw = true;
            break;
        case Cmd::Help:
            help_ = !help_;
            r.redraw = true;
            break;
        case Cmd::Fullscreen: r.toggle_fullscreen = r.redraw = true; break;
        case Cmd::Lang: r.toggle_lang = r.redraw = true; break;
        case Cmd::Reload: r.reload = r.redraw = true; break;
        case Cmd::SaveView: r.save_view = r.redraw = true; break;
        case Cmd::MoveEarlier: r.move_scene = -1; r.redraw = true; break;
        case Cmd::MoveLater: r.move_scene = 1; r.redraw = true; break;
        case Cmd::SpeakerView: r.toggle_speaker = r.redraw = true; break;
        case Cmd::ResetTimer: r.reset_timer = r.redraw = true; break;
        case Cmd::LiveQuestion: r.toggle_live = r.redraw = true; break;
        case Cmd::SaveLive: r.save_live = r.redraw = true; break;
    }
    return r;
}

}  // namespace viewer
