#include "geo/travel/params.h"

#include <cstring>

namespace geo {

namespace {
const char* const kModeKeys[kModeCount] = {"walk", "bike", "ebike", "car", "bike_train"};
const char* const kModeLabels[kModeCount] = {"Walk", "Bike", "E-bike", "Car", "Bike + train"};
const char* const kRoadKeys[kRoadClassCount] = {
    "motorway", "trunk",   "primary", "secondary", "tertiary", "unclassified", "residential", "living_street",
    "service",  "track",   "cycleway", "footway",  "path",     "pedestrian",   "steps"};
}  // namespace

const char* mode_key(Mode m) {
    int i = int(m);
    return i >= 0 && i < kModeCount ? kModeKeys[i] : "?";
}
const char* mode_label(Mode m) {
    int i = int(m);
    return i >= 0 && i < kModeCount ? kModeLabels[i] : "?";
}
bool mode_from_key(const std::string& key, Mode& out) {
    for (int i = 0; i < kModeCount; ++i)
        if (key == kModeKeys[i]) {
            out = Mode(i);
            return true;
        }
    return false;
}

RoadClass road_class_from_key(const std::string& highway) {
    std::string k = highway;
    const std::string link = "_link";
    if (k.size() > link.size() && k.compare(k.size() - link.size(), link.size(), link) == 0)
        k.resize(k.size() - link.size());
    for (int i = 0; i < kRoadClassCount; ++i)
        if (k == kRoadKeys[i]) return RoadClass(i);
    if (k == "road") return RoadClass::Unclassified;     // OSM: class not yet known
    if (k == "bridleway") return RoadClass::Path;
    return RoadClass::Unknown;
}

const char* road_class_key(RoadClass c) {
    int i = int(c);
    return i >= 0 && i < kRoadClassCount ? kRoadKeys[i] : "unknown";
}

int road_mode_index(Mode m) {
    switch (m) {
        case Mode::Walk: return 0;
        case Mode::Bike: return 1;
        case Mode::EBike: return 2;
        case Mode::Car: return 3;
        case Mode::BikeTrain: return 1;
        default: return 1;
    }
}

TravelParams::TravelParams() {
    using RC = RoadClass;
    auto set = [this](RC c, double walk, double bike, double ebike, double car) {
        road_kmh[0][int(c)] = walk;
        road_kmh[1][int(c)] = bike;
        road_kmh[2][int(c)] = ebike;
        road_kmh[3][int(c)] = car;
    };
    // Effective speeds (km/h) by class; see README "Road speeds". Car speeds are below the Dutch limits
    // (100 motorway by day, 80 outside / 50 inside built-up areas, 30 zones, walking pace in a woonerf)
    // to account for junctions and traffic (assumption). Bikes/pedestrians are not allowed on
    // motorways and (Dutch 'autoweg') trunk roads; cars not on cycleways/footways/paths.
    //           class              walk  bike  ebike car
    set(RC::Motorway,     0.0,  0.0,  0.0,  100.0);
    set(RC::Trunk,        0.0,  0.0,  0.0,  80.0);
    set(RC::Primary,      4.8,  15.0, 18.0, 70.0);
    set(RC::Secondary,    4.8,  15.0, 18.0, 60.0);
    set(RC::Tertiary,     4.8,  15.0, 18.0, 50.0);
    set(RC::Unclassified, 4.8,  15.0, 18.0, 45.0);
    set(RC::Residential,  4.8,  15.0, 18.0, 25.0);
    set(RC::LivingStreet, 4.8,  12.0, 12.0, 10.0);
    set(RC::Service,      4.8,  12.0, 12.0, 15.0);
    set(RC::Track,        4.8,  12.0, 14.0, 15.0);
    set(RC::Cycleway,     4.8,  16.0, 19.0, 0.0);
    set(RC::Footway,      4.8,  0.0,  0.0,  0.0);
    set(RC::Path,         4.8,  12.0, 12.0, 0.0);
    set(RC::Pedestrian,   4.8,  0.0,  0.0,  0.0);
    set(RC::Steps,        3.0,  0.0,  0.0,  0.0);
}

}  // namespace geo
