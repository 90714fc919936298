// The user's edits of the venue catalogue (made in the window's venue editor), kept apart from the project's
// catalogue (assets/venues.csv) so that a newer catalogue still reaches the user.
//
// File: $XDG_CONFIG_HOME/trekkaart/venue_edits.csv (else ~/.config/trekkaart/venue_edits.csv), UTF-8 CSV with
// the catalogue's columns (venues.h) plus
//   edit   "changed"  the row replaces the catalogue's venue with that id
//          "added"    a venue the catalogue does not have
//          "removed"  the catalogue's venue with that id is left out (the other fields say what it was)
// It is rewritten in full, atomically (temporary file + rename), after every edit. Applying it to a newer
// catalogue: a changed or removed id the catalogue no longer has is reported (a changed one is kept as added);
// an added id the catalogue now has too replaces it, also reported.
#pragma once
#include <string>
#include <vector>

#include "geo/io/venues.h"

namespace geo {

struct Dataset;

enum class EditKind { Changed, Added, Removed };
const char* edit_key(EditKind k);  // "changed", "added", "removed"

struct VenueEdit {
    EditKind kind = EditKind::Changed;
    Venue venue;  // venue.line: the row's line in the edits file
};

// Throws DataError naming the file, the line and the column on a bad file.
std::vector<VenueEdit> read_venue_edits(const std::string& path);
std::vector<VenueEdit> parse_venue_edits(const std::string& text, const std::string& path_for_messages);
// Atomic write (see atomic_file.h); creates the folder. Throws DataError naming the path on failure.
void write_venue_edits(const std::vector<VenueEdit>& edits, const std::string& path);
std::string venue_edits_csv(const std::vector<VenueEdit>& edits);

// Applies edits in order; returns one message per edit that did not fit the catalogue ("path:line: ...").
std::vector<std::string> apply_venue_edits(std::vector<Venue>& venues, const std::vector<VenueEdit>& edits,
                                           const std::string& path);
// The edits that turn `original` into `edited` (changed and added in the order of `edited`, then removed).
std::vector<VenueEdit> diff_venues(const std::vector<Venue>& original, const std::vector<Venue>& edited);
// Same content (line numbers aside; coordinates within 1e-7 degrees).
bool same_venue(const Venue& a, const Venue& b);

std::string default_venue_edits_path();

// At start-up: applies the edits file at `path` (if it exists) to d.venues and sets d.venue_edits. Returns
// messages for the user. A file that cannot be read is moved aside to "<path>.unreadable" (never overwritten
// by the next save) and the catalogue is used as it is.
std::vector<std::string> load_user_venue_edits(Dataset& d, const std::string& path);

}  // namespace geo
