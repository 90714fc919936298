#include "viewer/model/i18n.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

namespace viewer {

static std::atomic<Lang> g_lang{Lang::NL};
void set_lang(Lang l) { g_lang = l; }
Lang lang() { return g_lang; }

// English key -> Dutch text: the viewer's one table; every room translates through tr().
std::span<const Translation> translations() {
    static const Translation t[] = {
        {"Layers", "Lagen"},
        {"Municipalities", "Gemeenten"},
        {"Municipality", "Gemeente"},
        {"Neighbouring municipalities", "Buurgemeenten"},
        {"Countries", "Landen"},
        {"National border", "Landsgrens"},
        {"Province border", "Provinciegrens"},
        {"Rail", "Spoor"},
        {"Stations", "Stations"},
        {"Places", "Plaatsen"},
        {"Venues", "Cultuurlocaties"},
        {"Labels", "Namen"},
        {"Inhabitants", "Inwoners"},
        {"without value", "zonder waarde"},
        {"within T", "binnen T"},
        {"Country", "Land"},
        {"Share of inhabitants within t minutes", "Aandeel inwoners binnen t minuten"},
        {"inhabitants", "inwoners"},
        {"Population density", "Bevolkingsdichtheid"},
        {"inhabitants per km²", "inwoners per km²"},
        {"Share aged 25-45", "Aandeel 25-45 jaar"},
        {"Households", "Huishoudens"},
        {"Choropleth", "Kleurvlakken"},
        {"None", "Geen"},
        {"Search", "Zoeken"},
        {"Search venue or municipality", "Zoek locatie of gemeente"},
        {"Fit Twente", "Heel Twente"},
        {"Category", "Categorie"},
        // Venue editor
        {"The change is made but not saved: ", "De wijziging is gemaakt maar niet opgeslagen: "},
        {"That point lies outside the 14 Twente municipalities: choose a place in Twente.",
         "Dat punt ligt buiten de 14 Twentse gemeenten: kies een plek in Twente."},
        {"No venue selected.", "Geen locatie gekozen."},
        {"A venue needs a name.", "Een locatie heeft een naam nodig."},
        {"The capacity must be a number of 0 or more (0: unknown).", "De capaciteit is een getal van 0 of meer (0: onbekend)."},
        {"New venue", "Nieuwe locatie"},
        {"Edit venue", "Locatie bewerken"},
        {"Name", "Naam"},
        {"Exact position (surveyed)", "Exacte positie (ingemeten)"},
        {"Save changes", "Wijzigingen opslaan"},
        {"Click on the map...", "Klik op de kaart..."},
        {"Move", "Verplaatsen"},
        {"Remove", "Verwijderen"},
        {"Really remove?", "Echt verwijderen?"},
        {"Edit venues", "Cultuurlocaties bewerken"},
        {"Click a venue on the map to change, move or remove it.",
         "Klik op een locatie op de kaart om haar te wijzigen, te verplaatsen of te verwijderen."},
        {"Add", "Toevoegen"},
        {"changes to the catalogue", "wijzigingen ten opzichte van de catalogus"},
        {"change to the catalogue", "wijziging ten opzichte van de catalogus"},
        {"Undo all", "Alles terugdraaien"},
        {"Click to add the venue here (Esc: cancel)", "Klik om de locatie hier toe te voegen (Esc: annuleren)"},
        {"Click to move the venue here (Esc: cancel)", "Klik om de locatie hierheen te verplaatsen (Esc: annuleren)"},
        {"Capacity", "Capaciteit"},
        {"Coordinates", "Coördinaten"},
        {"approximate", "bij benadering"},
        {"exact", "exact"},
        {"Source", "Bron"},
        {"Sources", "Bronnen"},
        {"Language", "Taal"},
        {"Close", "Sluiten"},
        {"Legend", "Legenda"},
        {"Third place", "Derde plek"},
        {"Pop & music venue", "Poppodium / muziekzaal"},
        {"Theatre & concert hall", "Theater / concertzaal"},
        {"Museum & exposition", "Museum / expositie"},
        {"Library & culture house", "Bibliotheek / kulturhus"},
        {"Maker place & CREATECH", "Maakplaats / CREATECH"},
        {"Arts education", "Kunsteducatie"},
        {"Festival site", "Festivalterrein"},
        {"Industrial heritage", "Industrieel erfgoed"},
        {"Age 25-45", "Leeftijd 25-45"},
        {"Density", "Dichtheid"},
        {"Info", "Info"},
        {"No data", "Geen gegevens"},
        {"km", "km"},
        // analysis choropleths (style.h)
        {"Coverage within threshold", "Bereik binnen drempel"},
        {"Mean travel time", "Gemiddelde reistijd"},
        {"Venues per 10,000 inhabitants", "Locaties per 10.000 inwoners"},
        {"minutes", "minuten"},
        // analysis measures (analysis.cpp), as legend titles and units
        {"Population", "Bevolking"},
        {"Travel time to nearest venue", "Reistijd naar dichtstbijzijnde locatie"},
        {"Venues within reach", "Locaties binnen bereik"},
        {"Accessibility (gravity, exponential)", "Bereikbaarheid (zwaartekracht, exponentieel)"},
        {"Accessibility (gravity, logistic)", "Bereikbaarheid (zwaartekracht, logistisch)"},
        {"Capacity per inhabitant (2SFCA)", "Capaciteit per inwoner (2SFCA)"},
        {"Capacity per inhabitant (E2SFCA)", "Capaciteit per inwoner (E2SFCA)"},
        {"Venue density", "Dichtheid van locaties"},
        {"Catchment of the selected venue", "Verzorgingsgebied van de locatie"},
        {"What-if: minutes saved", "Wat als: minuten winst"},
        {"Best site: minutes saved", "Beste locatie: minuten winst"},
        {"inhabitants per ha", "inwoners per ha"},
        {"venues", "locaties"},
        {"score", "score"},
        {"per 1000 inhabitants", "per 1000 inwoners"},
        {"venues per 100 km²", "locaties per 100 km²"},
        {"estimate: no road network loaded", "schatting: geen wegennet geladen"},
        // what a measure assumed (analysis.cpp: weights_note) and the legend's cut-off entry
        {"every venue weighs 1", "elke locatie telt 1"},
        {"weighted by capacity", "gewogen naar capaciteit"},
        {"capacity known for every venue", "capaciteit van elke locatie bekend"},
        {"capacity assumed for", "capaciteit aangenomen voor"},
        {"of", "van"},
        {"the median of the known ones", "de mediaan van de bekende"},
        {"none known: 1 each", "geen bekend: 1 per locatie"},
        {"a default of", "standaard"},
        // travel modes (geo::mode_label) and legend titles (scene_heatmap.cpp)
        {"Walk", "Lopen"},
        {"Bike", "Fiets"},
        {"E-bike", "E-bike"},
        {"Car", "Auto"},
        {"Bike + train", "Fiets + trein"},
        {"Travel time", "Reistijd"},
        {"Catchment", "Verzorgingsgebied"},
        {"within", "binnen"},
        {"min", "min"},
        {"Within", "Binnen"},
        // image export (app.cpp)
        {"Export map", "Kaart exporteren"},
        {"Window size", "Venstergrootte"},
        {"Export", "Exporteer"},
        {"Saved", "Opgeslagen"},
        {"Culture in Twente", "Cultuur in Twente"},
        // analysis panel (ui_analysis.cpp)
        {"some inhabitants are beyond the search limit of", "een deel van de inwoners woont verder dan de zoekgrens van"},
        {"the mean counts them at the limit (a lower bound)", "het gemiddelde telt hen op de grens (een ondergrens)"},
        {"Analysis", "Analyse"},
        {"Show on the map", "Toon op de kaart"},
        {"Metric", "Maat"},
        {"Mode", "Vervoer"},
        {"Threshold T", "Drempel T"},
        {"Decay beta", "Afname beta"},
        {"Half-value time", "Halfwaardetijd"},
        {"Steepness k", "Steilheid k"},
        {"Kernel radius", "Kernstraal"},
        {"Colours", "Kleuren"},
        {"Opacity", "Dekking"},
        {"Isochrones", "Isochronen"},
        {"Bands", "Banden"},
        {"Computing…", "Bezig met rekenen…"},
        {"Ready", "Klaar"},
        {"recombined", "alleen opnieuw gecombineerd"},
        {"Select a venue on the map", "Kies een locatie op de kaart"},
        {"inhabitants NL", "inwoners NL"},
        {"inhabitants DE", "inwoners DE"},
        {"What if", "Wat als"},
        {"Place and move candidates", "Kandidaten plaatsen en verslepen"},
        {"Click on the map to place, drag to move, right-click to delete.",
         "Klik op de kaart om te plaatsen, sleep om te verplaatsen, rechtsklik om te verwijderen."},
        {"Candidate", "Kandidaat"},
        {"No candidates of this category yet.", "Nog geen kandidaten in deze categorie."},
        {"Delete all", "Alles verwijderen"},
        {"People within T, before → after", "Inwoners binnen T, voor → na"},
        {"gained", "erbij"},
        {"newly within", "nieuw binnen"},
        {"mean time saved", "gemiddelde tijdwinst"},
        {"for", "voor"},
        {"Best site", "Beste locatie"},
        {"Find best site", "Zoek beste locatie"},
        {"Sites", "Locaties"},
        {"Suggested site", "Voorgestelde locatie"},
        {"Add as candidates", "Overnemen als kandidaten"},
        {"Figures per municipality", "Cijfers per gemeente"},
        {"Show figures", "Toon cijfers"},
        {"per 10,000", "per 10.000"},
        {"Coverage", "Bereik"},
        {"Mean time", "Gem. tijd"},
        {"Map", "Kaart"},
        {"Export data", "Exporteer gegevens"},
        {"mean", "gemiddeld"},
        {"median", "mediaan"},
        {"surface (GeoTIFF), isochrones and figures (GeoPackage), figures (CSV), summary (JSON)",
         "oppervlak (GeoTIFF), isochronen en cijfers (GeoPackage), cijfers (CSV), samenvatting (JSON)"},
        {"faster", "sneller"},
        {"slower", "langzamer"},
        {"Travel time to nearest", "Reistijd naar dichtstbijzijnde"},
        {"Venues within T", "Locaties binnen T"},
        {"Gravity (exponential)", "Zwaartekracht (exponentieel)"},
        {"Gravity (logistic)", "Zwaartekracht (logistisch)"},
        {"Catchment of a venue", "Verzorgingsgebied van een locatie"},
        // presenter and map furniture
        {"Map layer \u2018", "Kaartlaag \u2018"},
        {"\u2019 is not available in this version yet.", "\u2019 is in deze versie nog niet beschikbaar."},
        {"No scenes file to reload.", "Geen scènebestand om te herladen."},
        {"Reloaded: ", "Opnieuw geladen: "},
        {"\n(still using the previous version)", "\n(de vorige versie blijft in gebruik)"},
        {"no file", "geen bestand"},
        {"Current view saved as scene ", "Huidig beeld opgeslagen als scène "},
        {"Scene moved to ", "Scène verplaatst naar "},
        {"Go to scene ", "Naar scène "},
        {"Right, PageDown, Space, Enter", "Rechts, PageDown, spatie, Enter"},
        {"next scene", "volgende scène"},
        {"Left, PageUp, Backspace", "Links, PageUp, Backspace"},
        {"previous scene", "vorige scène"},
        {"first / last scene", "eerste / laatste scène"},
        {"number + Enter", "nummer + Enter"},
        {"go to that scene", "naar die scène"},
        {"full screen on/off", "volledig scherm aan/uit"},
        {"black / white screen", "zwart / wit scherm"},
        {"this help", "deze hulp"},
        {"reload the scenes file", "scènebestand opnieuw laden"},
        {"mouse drag / wheel", "muis slepen / scrollen"},
        {"look around freely", "vrij rondkijken"},
        {"save the current view as a new scene", "huidig beeld als nieuwe scène opslaan"},
        {"move the scene earlier / later", "scène naar voren / achteren"},
        {"leave the presentation", "presentatie verlaten"},
        {"Keys", "Toetsen"},
        {"travel time to the nearest ", "reistijd naar de dichtstbijzijnde "},
        {"number within ", "aantal binnen "},
        {"accessibility (gravity model): ", "bereikbaarheid (zwaartekrachtmodel): "},
        {"supply per inhabitant (2SFCA): ", "aanbod per inwoner (2SFCA): "},
        {"density", "dichtheid"},
        {"population", "bevolking"},
        {"inhabitants within ", "inwoners binnen "},
        {" of a ", " van een "},
        {"walking", "lopen"},
        {"bike", "fiets"},
        {"car", "auto"},
        {"bike and train", "fiets en trein"},
        {" user edit(s)", " eigen wijziging(en)"},
        {"Sources: CBS, Kadaster/PDOK (CC BY 4.0) · NWB-Spoorwegen 2011 (CC0) · Natural Earth · GeoNames (CC BY 4.0) · venues: trekkaart",
         "Bronnen: CBS, Kadaster/PDOK (CC BY 4.0) · NWB-Spoorwegen 2011 (CC0) · Natural Earth · GeoNames (CC BY 4.0) · cultuurlocaties: trekkaart"},
        // issue 17: target group and the weighted mix
        {"Weighted mix", "Gewogen mix"},
        {"Weighted access to the mix", "Gewogen bereik van de mix"},
        {"index (1 = Twente mean)", "index (1 = Twents gemiddelde)"},
        {"everyone", "iedereen"},
        {"aged 25-45 (closest CBS band to 20-40)", "25-45 jaar (de CBS-groep het dichtst bij 20-40)"},
        {"aged 0-15", "0-15 jaar"},
        {"aged 15-25", "15-25 jaar"},
        {"aged 25-45", "25-45 jaar"},
        {"aged 45-65", "45-65 jaar"},
        {"aged 65+", "65+"},
        {"CBS 2024 share per municipality", "CBS-aandeel 2024 per gemeente"},
        {"Twente share", "Twents aandeel"},
        {"assumed: GeoNames has no ages", "aangenomen: GeoNames kent geen leeftijden"},
        {"weights", "gewichten"},
        {"gravity exp(-beta t), every venue 1", "zwaartekracht exp(-beta t), elke locatie telt 1"},
        {"venues within T", "locaties binnen T"},
        {"each category divided by its Twente mean", "elke categorie gedeeld door haar Twentse gemiddelde"},
        {"gravity", "zwaartekracht"},
        {"Weights (relative; each category divided by its Twente mean)",
         "Gewichten (relatief; elke categorie gedeeld door haar Twentse gemiddelde)"},
        {"Strategy order: ranks 2 : 1", "Volgorde van de strategie: rangen 2 : 1"},
        {"The strategy ranks third places first and pop second, without numbers: the preset gives rank weights (2 and 1). Edit them.",
         "De strategie zet derde plekken voorop en pop op twee, zonder getallen: de voorinstelling geeft rangorde-gewichten (2 en 1). Pas ze gerust aan."},
        {"group", "groep"},
        {"mix % all", "mix % iedereen"},
        {"mix % group", "mix % groep"},
        {"all of it % all", "alles % iedereen"},
        {"all of it % group", "alles % groep"},
        {"score all", "score iedereen"},
        {"score group", "score groep"},
        {"÷ Twente mean per category", "÷ Twents gemiddelde per categorie"},
        {"assumed", "aangenomen"},
        {"closest CBS band to the target group aged 20-40; the German side is assumed at the Twente share",
         "de CBS-groep het dichtst bij de doelgroep van 20-40; voor Duitsland is het Twentse aandeel aangenomen"},
        {"mix %: weighted share of the mix within T; all of it %: every weighted category within T; score: 1 = Twente mean",
         "mix %: gewogen deel van de mix binnen T; alles %: elke gewogen categorie binnen T; score: 1 = Twents gemiddelde"},
        // issue 16: venue catalogue (positions, addresses)
        {"Address", "Adres"},
        {"Position", "Positie"},
        {"address point", "adrespunt"},
        {"monument register", "monumentenregister"},
        {"published coordinate", "gepubliceerde coördinaat"},
        {"venue's own page", "eigen website van de locatie"},
        {"estimated from the street address", "geschat vanaf het straatadres"},
        {"place centroid", "middelpunt van de kern"},
        // issue 12: the user's own layers
        {"other", "overig"},
        {"no value", "geen waarde"},
        {"Your layers", "Eigen lagen"},
        {"Add layer", "Laag toevoegen"},
        {"Path, folder or PG: connection", "Pad, map of PG:-verbinding"},
        {"Recent files", "Recente bestanden"},
        {"Up", "Omhoog"},
        {"Visible", "Zichtbaar"},
        {"Style", "Stijl"},
        {"Single symbol", "Enkel symbool"},
        {"Categorized", "Categorieën"},
        {"Graduated", "Getalsklassen"},
        {"Field", "Veld"},
        {"Classes", "Klassen"},
        {"Method", "Methode"},
        {"Quantile", "Kwantielen"},
        {"Equal interval", "Gelijke intervallen"},
        {"Natural breaks", "Natuurlijke grenzen"},
        {"Ramp", "Kleurverloop"},
        {"none", "geen"},
        {"Colour", "Kleur"},
        {"Move up", "Omhoog"},
        {"Move down", "Omlaag"},
        {"Loading", "Laden"},
        {"Cancel", "Annuleren"},
        {"Drop a file on the map to add it as a layer.", "Sleep een bestand op de kaart om het als laag toe te voegen."},
        {"features", "objecten"},
        // issue 13: vector export (PDF/SVG) and its metadata
        {"PDF (vector)", "PDF (vector)"},
        {"SVG (vector)", "SVG (vector)"},
        {"Map of the Cultuurregio Twente", "Kaart van de Cultuurregio Twente"},
        {"Twente; culture; venues; accessibility; RD New (EPSG:28992)",
         "Twente; cultuur; cultuurlocaties; bereikbaarheid; RD New (EPSG:28992)"},
        // issue 13: the data sources in the exports' metadata (viewer/model/sources.cpp), file names, notes
        {"Municipal boundaries 2026 and key figures for districts and neighbourhoods 2024: CBS (CC BY 4.0)",
         "Gemeentegrenzen 2026 en Kerncijfers wijken en buurten 2024: CBS (CC BY 4.0)"},
        {"Provincial boundaries (BRK) and TOP10NL places: Kadaster/PDOK (CC BY 4.0)",
         "Provinciegrenzen (BRK) en TOP10NL plaatsen: Kadaster/PDOK (CC BY 4.0)"},
        {"Rail sections and stations 2011: NWB-Spoorwegen, Rijkswaterstaat/ProRail (CC0)",
         "Spoorvakken en stations 2011: NWB-Spoorwegen, Rijkswaterstaat/ProRail (CC0)"},
        {"Country boundaries: Natural Earth (public domain)", "Landsgrenzen: Natural Earth (public domain)"},
        {"German places: GeoNames (CC BY 4.0)", "Duitse plaatsen: GeoNames (CC BY 4.0)"},
        {"Cultural venues: trekkaart catalogue (own compilation)",
         "Cultuurlocaties: trekkaart-catalogus (eigen samenstelling)"},
        {", with ", ", met "},
        {" change(s) by the user", " wijziging(en) van de gebruiker"},
        {"bounds", "grenzen"},
        {"trekkaart-map", "trekkaart-kaart"},
        {"trekkaart-figures", "trekkaart-cijfers"},
        {"trekkaart-analysis", "trekkaart-analyse"},
        {"Map: trekkaart, ", "Kaart: trekkaart, "},
        {"Map layer not drawn: ", "Kaartlaag niet getekend: "},
        {"CBS key figures 2024", "CBS Kerncijfers 2024"},
        {"Travel times are an estimate: no road network loaded", "Reistijden zijn een schatting: geen wegennet geladen"},
        // issue 13: city-scale cartography (station names on the map)
        {"%s station", "Station %s"},
        // issue 14: presenter view (speaker notes, next scene, time)
        {"Next: ", "Volgende: "},
        {"End of the presentation", "Einde van de presentatie"},
        {"No notes for this scene.", "Geen notities bij deze scène."},
        {"presenter view: notes, next scene, time", "presentatorweergave: notities, volgende scène, tijd"},
        {"restart the elapsed time", "verstreken tijd opnieuw starten"},
        // heatmap legends: what cells without colour mean
        {"no colour: no inhabitants", "geen kleur: geen inwoners"},
        {"no colour: none within", "geen kleur: geen binnen"},
        {"no colour: 0, no venue within reach", "geen kleur: 0, geen locatie binnen bereik"},
        {"no colour: 0", "geen kleur: 0"},
        // issue 14: live questions in the presenter ("wat als?")
        {"Outside the analysis area: place the site closer to Twente.",
         "Buiten het rekengebied: plaats de locatie dichter bij Twente."},
        {"Live, not in the script: ", "Live, niet in het script: "},
        {"What if?", "Wat als?"},
        {"no live question", "geen live-vraag"},
        {"Live question", "Live-vraag"},
        {"not in the script", "niet in het script"},
        {"click where the site should go (on itself: put it back)", "klik waar de locatie heen moet (op zichzelf: terugzetten)"},
        {"click the map to place a site", "klik op de kaart om een locatie te plaatsen"},
        {"click a site, then elsewhere, to move it", "klik op een locatie en dan elders om die te verplaatsen"},
        {"S saves it as a new scene", "S bewaart dit als nieuwe scène"},
        {"Esc or \u2192 back to the scene", "Esc of \u2192 terug naar de scène"},
        {"Live question saved as scene ", "Live-vraag bewaard als scène "},
        {"live question: what if a site were elsewhere?", "live-vraag: wat als een locatie ergens anders lag?"},
        {"compared with the scene", "t.o.v. de scène"},
        {"min faster for", "min sneller voor"},
        {"nobody gets a shorter trip", "niemand krijgt een kortere reis"},
        // issue 14, live questions: the band while the figure is computed, and removing a dropped site
        {"computing\u2026", "rekent\u2026"},
        {"click where the site should go (on itself: remove it)", "klik waar de locatie heen moet (op zichzelf: weghalen)"},
    };
    return t;
}

static const std::unordered_map<std::string, const char*>& nl_table() {
    static const std::unordered_map<std::string, const char*> t = [] {
        std::unordered_map<std::string, const char*> m;
        for (const Translation& e : translations()) m.emplace(e.en, e.nl);  // a repeated key: the first text counts
        return m;
    }();
    return t;
}

const char* tr(const char* english) {
    if (g_lang == Lang::EN) return english;
    auto& t = nl_table();
    auto it = t.find(english);
    return it == t.end() ? english : it->second;
}

static std::string group(long long v, char sep) {
    std::string s = std::to_string(v < 0 ? -v : v), out;
    int n = 0;
    for (int i = int(s.size()) - 1; i >= 0; --i) {
        out.insert(out.begin(), s[i]);
        if (++n % 3 == 0 && i > 0) out.insert(out.begin(), sep);
    }
    return (v < 0 ? "-" : "") + out;
}

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = char(s[0] - 'A' + 'a');
    return s;
}

const std::string& by_lang(const std::string& nl, const std::string& en) { return g_lang == Lang::NL ? nl : en; }
std::string default_file_name(const char* english_stem, const char* ext) { return std::string(tr(english_stem)) + ext; }

std::string format_int(double v) { return group(std::llround(v), g_lang == Lang::NL ? '.' : ','); }

std::string format_num(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (g_lang == Lang::NL)
        for (char* p = buf; *p; ++p)
            if (*p == '.') *p = ',';
    return buf;
}

}  // namespace viewer
