#include "geo/core/crs.h"

#include <proj.h>

#include "geo/core/error.h"

namespace geo {

struct Transformer::Impl {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
};

Transformer::Transformer(const std::string& src, const std::string& dst) : impl_(std::make_unique<Impl>()) {
    impl_->ctx = proj_context_create();
    proj_log_level(impl_->ctx, PJ_LOG_NONE);
    PJ* raw = proj_create_crs_to_crs(impl_->ctx, src.c_str(), dst.c_str(), nullptr);
    if (!raw) {
        proj_context_destroy(impl_->ctx);
        impl_->ctx = nullptr;
        throw DataError("", "PROJ cannot build a transformation from '" + src.substr(0, 80) + "' to '" + dst + "'");
    }
    impl_->pj = proj_normalize_for_visualization(impl_->ctx, raw);
    proj_destroy(raw);
    identity_ = (src == dst);
}

Transformer::~Transformer() {
    if (impl_) {
        if (impl_->pj) proj_destroy(impl_->pj);
        if (impl_->ctx) proj_context_destroy(impl_->ctx);
    }
}

P2 Transformer::fwd(P2 p) const {
    if (identity_) return p;
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    c = proj_trans(impl_->pj, PJ_FWD, c);
    return {c.xy.x, c.xy.y};
}

P2 Transformer::inv(P2 p) const {
    if (identity_) return p;
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    c = proj_trans(impl_->pj, PJ_INV, c);
    return {c.xy.x, c.xy.y};
}

static const Transformer& wgs_rd() {
    thread_local Transformer t(kWGS84, kRD);
    return t;
}

P2 wgs84_to_rd(double lon, double lat) { return wgs_rd().fwd({lon, lat}); }
P2 rd_to_wgs84(P2 rd) { return wgs_rd().inv(rd); }

}  // namespace geo
