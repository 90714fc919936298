#include "viewer/ui/export_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "viewer/engine/scene_analysis.h"
#include "viewer/model/i18n.h"
#include "viewer/output/export.h"
#include "viewer/ui/ui_analysis.h"

namespace viewer {

void ExportDialog::ui() {
    if (!ImGui::CollapsingHeader(tr("Export map"))) return;
    const auto& presets = export_presets();
    std::string cur = preset_ == 0 ? tr("Window size") : presets[size_t(preset_ - 1)].name;
    ImGui::PushItemWidth(-1);
    if (ImGui::BeginCombo("##preset", cur.c_str())) {
        if (ImGui::Selectable(tr("Window size"), preset_ == 0)) preset_ = 0;
        for (size_t i = 0; i < presets.size(); ++i) {
            const auto& p = presets[i];
            char lbl[96];
            std::snprintf(lbl, sizeof lbl, "%s  (%d x %d)", p.name, p.size.w, p.size.h);
            if (ImGui::Selectable(lbl, preset_ == int(i) + 1)) preset_ = int(i) + 1;
        }
        ImGui::EndCombo();
    }
    const char* kFormats[] = {"PNG", "JPEG", "TIFF", "GeoTIFF (RD New)", tr("PDF (vector)"), tr("SVG (vector)")};
    static const char* kExt[] = {".png", ".jpg", ".tif", ".tif", ".pdf", ".svg"};
    if (ImGui::Combo("##format", &format_, kFormats, 6) && path_edited_) {  // keep the name's extension in step
        std::string p = path_;
        const auto dot = p.find_last_of('.');
        if (dot != std::string::npos && p.find('/', dot) == std::string::npos) p = p.substr(0, dot);
        p += kExt[format_];
        std::snprintf(path_, sizeof path_, "%s", p.c_str());
    }
    if (!path_edited_)
        std::snprintf(path_, sizeof path_, "%s", default_file_name("trekkaart-map", kExt[std::clamp(format_, 0, 5)]).c_str());
    if (ImGui::InputText("##exportpath", path_, sizeof path_)) path_edited_ = true;
    ImGui::PopItemWidth();
    if (ImGui::Button(tr("Export"))) pending_ = true;  // done after this frame's render
    if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
}

void ExportDialog::run(MapRenderer& renderer, const MapView& view, AnalysisPanel& analysis, const geo::Dataset& data,
                       int fb_w, int fb_h) {
    pending_ = false;
    ExportOptions o;
    if (preset_ > 0) o.size = export_presets()[size_t(preset_ - 1)].size;
    else o.size = {fb_w, fb_h, 0};
    static const ImageFormat kFmt[] = {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Tiff, ImageFormat::GeoTiff,
                                       ImageFormat::Pdf, ImageFormat::Svg};
    o.format = kFmt[std::clamp(format_, 0, 5)];
    MapView seen = view;
    seen.avoid_px.clear();
    seen.inset_bottom = 0;
    seen.title = tr("Culture in Twente");
    RenderOptions ropt;
    analysis.prepare_render(seen, ropt, renderer.origin());
    o.render.overlay = ropt.overlay;
    o.render.ramps = ropt.ramps;
    if (analysis.overlay_on && analysis.result()) {
        const AnalysisResult& r = *analysis.result();
        seen.title = heatmap_title(r.params, data);
        o.estimate = r.estimate && metric_uses_mode(r.params.metric);
    }
    const auto t0 = std::chrono::steady_clock::now();
    const ExportResult r = export_map(renderer, seen, path_, o);
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    char buf[640];
    if (r.ok())
        std::snprintf(buf, sizeof buf, "%s: %s (%d x %d, %.1f s)", tr("Saved"), path_, o.size.w, o.size.h, sec);
    else
        std::snprintf(buf, sizeof buf, "%s", r.error.c_str());
    message_ = buf;
    std::fprintf(stderr, "trekkaart: %s\n", buf);
}

}  // namespace viewer
