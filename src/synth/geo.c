/* geo.c - the synthetic force's geography: local authorities, neighbourhoods, LSOAs,
 * streets, one address per household, and non-residential places (shops, pubs, parks,
 * stations...) whose crime attractiveness is heavy-tailed, so crime concentrates in a
 * few places as it does in real life. */
#include "synth/synth_int.h"
#include "base/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define HOUSEHOLD_SIZE 2.437  /* Hampshire: 1,925,263 residents in ~790,000 households */
#define NBH_RESIDENTS 10000.0 /* residents per policing neighbourhood */
#define LSOA_HOUSEHOLDS 650   /* households per LSOA (about 1,600 residents) */
#define STREET_HOUSEHOLDS 35.0
#define POSTCODE_ADDRESSES 18
#define PLACE_HOUSEHOLDS 150.0

static const char *const place_kind_names[PL_KIND_COUNT] = {"Stores", "Arms", "Takeaway", "Recreation Ground", "School", "Station", "Car Park"};
static const double place_kind_share[PL_KIND_COUNT] = {0.45, 0.15, 0.12, 0.1, 0.06, 0.04, 0.08};
static const double place_kind_attraction[PL_KIND_COUNT] = {1.5, 2.5, 1.5, 1.0, 0.5, 1.5, 1.2};
static const char postcode_letters[] = "ABDEFGHJLNPQRSTUWXYZ"; /* inward-code letters */

static vg_err nomem(sy_ctx *c) { return vg_error_set(c->err, VG_ERR_NOMEM, "synth", "out of memory"); }

static double normal(sy_ctx *c, double sd) { return vg_rng_normal(&c->rng) * sd; }

/* Splits total into n parts with +-spread random variation; the parts sum to total. */
static void split(sy_ctx *c, int64_t total, uint32_t n, double spread, int64_t *parts)
{
    int64_t wsum = 0, used = 0;
    for (uint32_t i = 0; i < n; i++) {
        parts[i] = 1000000 + (int64_t)(spread * 1e6 * (2 * vg_rng_unit(&c->rng) - 1));
        wsum += parts[i];
    }
    for (uint32_t i = 0; i < n; i++) {
        parts[i] = (int64_t)((double)total * (double)parts[i] / (double)wsum);
        used += parts[i];
    }
    for (uint32_t i = 0; used < total; i = (i + 1) % n, used++)
        parts[i]++;
}

static vg_err put_area(sy_ctx *c, vg_area_kind kind, const char *code, const char *name, vg_la_tier tier,
                       vg_id parent, int64_t pop, int64_t hh, vg_id *out)
{
    vg_area a;
    vg_area_init(&a);
    a.kind = kind;
    a.code = (char *)code;
    a.name = (char *)name;
    a.tier = tier;
    a.parent_id = parent;
    a.population = pop;
    a.households = hh;
    a.population_year = vg_month_year(c->opt.from);
    vg_err e = vg_store_area_put(c->store, &a, c->err);
    *out = a.id;
    return e;
}

static void postcode(const sy_ctx *c, uint32_t addr, char *buf, size_t n)
{
    const sy_addr *a = &c->addrs[addr];
    const sy_street *s = &c->streets[a->street];
    uint32_t block = (addr - s->first_addr) / POSTCODE_ADDRESSES + a->street * 7u;
    snprintf(buf, n, "WX%d %u%c%c", c->nbhs[s->nbh].postcode_district, 1 + block % 9,
             postcode_letters[(block / 9) % 20], postcode_letters[(block / 180) % 20]);
}

static void locality(const sy_ctx *c, uint32_t nbh, char *buf, size_t n)
{
    uint32_t first = nbh;
    while (first > 0 && c->nbhs[first - 1].la == c->nbhs[nbh].la)
        first--;
    uint32_t k = nbh - first;
    if (k < (uint32_t)sy_n_localities)
        snprintf(buf, n, "%s", sy_localities[k]);
    else
        snprintf(buf, n, "%s %u", sy_localities[k % (uint32_t)sy_n_localities], k / (uint32_t)sy_n_localities + 1);
}

/* Fills the text fields of an address into loc using buf as storage (no allocation). */
typedef struct addr_text {
    char flat[16], number[16], street[64], locality[48], postcode[12], lsoa_code[16], lsoa_name[64];
} addr_text;

static void address_fields(const sy_ctx *c, uint32_t addr, addr_text *t)
{
    const sy_addr *a = &c->addrs[addr];
    const sy_street *s = &c->streets[a->street];
    uint32_t i = addr - s->first_addr;
    /* Every eighth building on a street is a block of four flats. */
    uint32_t building = i / 4, k = i % 4;
    bool flats = (building + a->street) % 8 == 0;
    uint32_t num = flats ? building * 2 + 1 : i + 1;
    if (flats) {
        snprintf(t->flat, sizeof t->flat, "Flat %u", k + 1);
        snprintf(t->number, sizeof t->number, "%u", num);
    } else {
        t->flat[0] = '\0';
        snprintf(t->number, sizeof t->number, "%u", num);
    }
    snprintf(t->street, sizeof t->street, "%s %s", sy_street_names[s->name], sy_street_types[s->type]);
    locality(c, s->nbh, t->locality, sizeof t->locality);
    postcode(c, addr, t->postcode, sizeof t->postcode);
    int la = c->nbhs[s->nbh].la;
    snprintf(t->lsoa_code, sizeof t->lsoa_code, "E01%06u", 900000u + s->lsoa);
    snprintf(t->lsoa_name, sizeof t->lsoa_name, "%s %03u%c", sy_las[la].name, 1 + s->lsoa / 4, 'A' + (int)(s->lsoa % 4));
}

static void set_coords(sy_ctx *c, vg_location *l, double x, double y)
{
    l->has_bng = true;
    l->easting = round(x);
    l->northing = round(y);
    double lat, lon;
    if (vg_geo_bng_to_wgs84(c->geo, l->easting, l->northing, &lat, &lon) == VG_OK) {
        l->has_wgs84 = true;
        l->lat = round(lat * 1e6) / 1e6;
        l->lon = round(lon * 1e6) / 1e6;
    }
}

/* The parts of an address record that every spelling of it shares. */
static void address_base(const sy_ctx *c, uint32_t addr, addr_text *t, vg_location *l)
{
    address_fields(c, addr, t);
    const sy_nbh *nb = &c->nbhs[c->streets[c->addrs[addr].street].nbh];
    vg_location_init(l);
    l->kind = VG_LOC_ADDRESS;
    l->number = t->number;
    l->town = (char *)sy_las[nb->la].name;
    l->neighbourhood_id = nb->area_id;
    l->la_id = c->la_ids[nb->la];
}

static vg_err write_address(sy_ctx *c, uint32_t addr)
{
    addr_text t;
    vg_location l;
    address_base(c, addr, &t, &l);
    l.flat = t.flat[0] ? t.flat : NULL;
    l.street = t.street;
    l.locality = t.locality;
    l.postcode = t.postcode;
    l.uprn = 990000000000LL + addr; /* fictional UPRN range */
    set_coords(c, &l, c->addrs[addr].x, c->addrs[addr].y);
    l.lsoa_code = t.lsoa_code;
    l.lsoa_name = t.lsoa_name;
    vg_err e = vg_store_location_put(c->store, &l, c->err);
    c->addrs[addr].loc_id = l.id;
    return e;
}

vg_err sy_write_address_variant(sy_ctx *c, uint32_t addr, vg_id *out)
{
    addr_text t;
    vg_location l;
    address_base(c, addr, &t, &l);
    const sy_addr *a = &c->addrs[addr];
    const sy_street *s = &c->streets[a->street];
    char street[64], flat[16], pc[12];
    /* The way people and call handlers write the same address differently. */
    if (vg_rng_chance(&c->rng, 0.6))
        snprintf(street, sizeof street, "%s %s", sy_street_names[s->name], sy_street_types_abbr[s->type]);
    else
        snprintf(street, sizeof street, "%s", t.street);
    if (t.flat[0]) {
        snprintf(flat, sizeof flat, "%.15s", vg_rng_chance(&c->rng, 0.5) ? t.flat + 5 : t.flat);
        l.flat = flat;
    }
    double r = vg_rng_unit(&c->rng);
    if (r < 0.2) {
        l.postcode = NULL;
    } else if (r < 0.5) {
        size_t k = 0;
        for (const char *p = t.postcode; *p && k < sizeof pc - 1; p++)
            if (*p != ' ')
                pc[k++] = *p;
        pc[k] = '\0';
        l.postcode = pc;
    } else {
        l.postcode = t.postcode;
    }
    l.street = street;
    l.locality = vg_rng_chance(&c->rng, 0.5) ? t.locality : NULL;
    if (vg_rng_chance(&c->rng, 0.5))
        set_coords(c, &l, a->x, a->y);
    vg_err e = vg_store_location_put(c->store, &l, c->err);
    if (!e)
        e = vg_store_truth_put(c->store, "location", l.id, a->loc_id, c->err);
    if (!e)
        c->rep->location_records++;
    *out = l.id;
    return e;
}

static vg_err write_place(sy_ctx *c, uint32_t i)
{
    sy_place *p = &c->places[i];
    const sy_nbh *nb = &c->nbhs[p->nbh];
    const sy_street *s = &c->streets[nb->first_street + i % nb->n_streets];
    char building[96], street[64];
    if (p->kind == PL_PUB)
        snprintf(building, sizeof building, "The %s %s", sy_street_names[(i * 7) % (uint32_t)sy_n_street_names],
                 place_kind_names[p->kind]);
    else
        snprintf(building, sizeof building, "%s %s", sy_street_names[s->name], place_kind_names[p->kind]);
    snprintf(street, sizeof street, "%s %s", sy_street_names[s->name], sy_street_types[s->type]);
    char loc[48];
    locality(c, p->nbh, loc, sizeof loc);
    vg_location l;
    vg_location_init(&l);
    l.kind = VG_LOC_PLACE;
    l.building = building;
    l.street = street;
    l.locality = loc;
    l.town = (char *)sy_las[nb->la].name;
    set_coords(c, &l, p->x, p->y);
    addr_text t;
    address_fields(c, s->first_addr, &t);
    l.postcode = t.postcode;
    l.lsoa_code = t.lsoa_code;
    l.lsoa_name = t.lsoa_name;
    l.neighbourhood_id = nb->area_id;
    l.la_id = c->la_ids[nb->la];
    vg_err e = vg_store_location_put(c->store, &l, c->err);
    p->loc_id = l.id;
    return e;
}

static vg_err build_grid(sy_ctx *c)
{
    sy_grid *g = &c->grid;
    double minx = 1e18, miny = 1e18, maxx = -1e18, maxy = -1e18;
    for (uint32_t i = 0; i < c->n_addrs; i++) {
        minx = fmin(minx, c->addrs[i].x);
        miny = fmin(miny, c->addrs[i].y);
        maxx = fmax(maxx, c->addrs[i].x);
        maxy = fmax(maxy, c->addrs[i].y);
    }
    g->cell = 200.0;
    g->x0 = minx;
    g->y0 = miny;
    g->nx = (int)((maxx - minx) / g->cell) + 1;
    g->ny = (int)((maxy - miny) / g->cell) + 1;
    size_t cells = (size_t)g->nx * (size_t)g->ny;
    g->start = vg_calloc(cells + 1, sizeof *g->start);
    g->idx = vg_malloc((c->n_addrs ? c->n_addrs : 1) * sizeof *g->idx);
    if (!g->start || !g->idx)
        return nomem(c);
    for (uint32_t i = 0; i < c->n_addrs; i++) {
        int cx = (int)((c->addrs[i].x - g->x0) / g->cell), cy = (int)((c->addrs[i].y - g->y0) / g->cell);
        g->start[(size_t)cy * g->nx + cx + 1]++;
    }
    for (size_t k = 0; k < cells; k++)
        g->start[k + 1] += g->start[k];
    uint32_t *fill = vg_malloc(cells * sizeof *fill);
    if (!fill)
        return nomem(c);
    memcpy(fill, g->start, cells * sizeof *fill);
    for (uint32_t i = 0; i < c->n_addrs; i++) {
        int cx = (int)((c->addrs[i].x - g->x0) / g->cell), cy = (int)((c->addrs[i].y - g->y0) / g->cell);
        g->idx[fill[(size_t)cy * g->nx + cx]++] = i;
    }
    vg_free(fill);
    return VG_OK;
}

uint32_t sy_address_near(sy_ctx *c, uint32_t addr, double metres)
{
    const sy_grid *g = &c->grid;
    const sy_addr *a = &c->addrs[addr];
    int cx = (int)((a->x - g->x0) / g->cell), cy = (int)((a->y - g->y0) / g->cell);
    int reach = (int)ceil(metres / g->cell);
    for (int attempt = 0; attempt < 40; attempt++) {
        int x = cx + (int)vg_rng_below(&c->rng, (uint64_t)(2 * reach + 1)) - reach;
        int y = cy + (int)vg_rng_below(&c->rng, (uint64_t)(2 * reach + 1)) - reach;
        if (x < 0 || y < 0 || x >= g->nx || y >= g->ny)
            continue;
        size_t cell = (size_t)y * g->nx + x;
        uint32_t n = g->start[cell + 1] - g->start[cell];
        if (!n)
            continue;
        uint32_t b = g->idx[g->start[cell] + vg_rng_below(&c->rng, n)];
        double dx = c->addrs[b].x - a->x, dy = c->addrs[b].y - a->y;
        if (b != addr && dx * dx + dy * dy <= metres * metres)
            return b;
    }
    const sy_street *s = &c->streets[a->street];
    return s->first_addr + (uint32_t)vg_rng_below(&c->rng, s->n_addr);
}

uint32_t sy_random_address(sy_ctx *c) { return (uint32_t)vg_rng_pick_cumulative(&c->rng, c->addr_cum, c->n_addrs); }

static double pareto(sy_ctx *c, double alpha)
{
    return pow(1.0 - vg_rng_unit(&c->rng), -1.0 / alpha);
}

static vg_err build_places(sy_ctx *c)
{
    uint32_t total = 0;
    for (uint32_t n = 0; n < c->n_nbhs; n++) {
        uint32_t hh = 0;
        for (uint32_t s = 0; s < c->nbhs[n].n_streets; s++)
            hh += c->streets[c->nbhs[n].first_street + s].n_addr;
        total += (uint32_t)fmax(3, round(hh / PLACE_HOUSEHOLDS));
    }
    c->places = vg_calloc(total, sizeof *c->places);
    c->place_cum = vg_malloc(total * sizeof *c->place_cum);
    c->shops = vg_malloc(total * sizeof *c->shops);
    c->shop_cum = vg_malloc(total * sizeof *c->shop_cum);
    c->comm = vg_malloc(total * sizeof *c->comm);
    c->comm_cum = vg_malloc(total * sizeof *c->comm_cum);
    if (!c->places || !c->place_cum || !c->shops || !c->shop_cum || !c->comm || !c->comm_cum)
        return nomem(c);
    double cum = 0, shop_cum = 0, comm_cum = 0;
    double kind_cum[PL_KIND_COUNT];
    for (int k = 0; k < PL_KIND_COUNT; k++)
        kind_cum[k] = (k ? kind_cum[k - 1] : 0) + place_kind_share[k];
    for (uint32_t n = 0; n < c->n_nbhs; n++) {
        const sy_nbh *nb = &c->nbhs[n];
        uint32_t hh = 0;
        for (uint32_t s = 0; s < nb->n_streets; s++)
            hh += c->streets[nb->first_street + s].n_addr;
        uint32_t np = (uint32_t)fmax(3, round(hh / PLACE_HOUSEHOLDS));
        double urban = sy_las[nb->la].urban;
        for (uint32_t k = 0; k < np; k++) {
            sy_place *p = &c->places[c->n_places];
            p->nbh = n;
            p->kind = (uint8_t)vg_rng_pick_cumulative(&c->rng, kind_cum, PL_KIND_COUNT);
            p->x = (float)(nb->x + normal(c, 250));
            p->y = (float)(nb->y + normal(c, 250));
            double w = pareto(c, 1.1) * place_kind_attraction[p->kind] * (0.5 + urban) * nb->deprivation;
            cum += w;
            c->place_cum[c->n_places] = cum;
            if (p->kind == PL_SHOP) {
                shop_cum += pareto(c, 0.9) * (0.5 + urban);
                c->shops[c->n_shops] = c->n_places;
                c->shop_cum[c->n_shops++] = shop_cum;
            }
            if (p->kind == PL_SHOP || p->kind == PL_PUB || p->kind == PL_TAKEAWAY || p->kind == PL_SCHOOL ||
                p->kind == PL_STATION) {
                comm_cum += pareto(c, 1.3);
                c->comm[c->n_comm] = c->n_places;
                c->comm_cum[c->n_comm++] = comm_cum;
            }
            c->n_places++;
        }
    }
    for (uint32_t i = 0; i < c->n_places; i++) {
        vg_err e = write_place(c, i);
        if (e)
            return e;
    }
    c->rep->places = c->n_places;
    return VG_OK;
}

vg_err sy_build_geography(sy_ctx *c)
{
    vg_err e;
    int nla = sy_n_las;
    int64_t total_pop = (int64_t)llround(VG_SYNTH_POPULATION * c->opt.scale);
    int64_t weights = 0;
    for (int i = 0; i < nla; i++)
        weights += sy_las[i].population_k;
    int64_t used = 0, county_pop = 0, county_hh = 0, total_hh = 0;
    for (int i = 0; i < nla; i++) {
        c->la_pop[i] = total_pop * sy_las[i].population_k / weights;
        used += c->la_pop[i];
    }
    for (int i = 0; used < total_pop; i = (i + 1) % nla, used++)
        c->la_pop[i]++;
    for (int i = 0; i < nla; i++) {
        c->la_households[i] = (int64_t)llround((double)c->la_pop[i] / HOUSEHOLD_SIZE);
        total_hh += c->la_households[i];
        if (sy_las[i].tier == VG_TIER_DISTRICT) {
            county_pop += c->la_pop[i];
            county_hh += c->la_households[i];
        }
    }
    c->rep->population = total_pop;
    c->rep->households = total_hh;
    c->rep->local_authorities = nla + 1;
    if ((e = put_area(c, VG_AREA_LOCAL_AUTHORITY, "WX00000000", sy_county_name, VG_TIER_COUNTY, 0, county_pop,
                      county_hh, &c->county_id)))
        return e;
    for (int i = 0; i < nla; i++) {
        char name[96];
        snprintf(name, sizeof name, "%s %s", sy_las[i].name,
                 sy_las[i].tier == VG_TIER_UNITARY && sy_las[i].urban > 0.8 ? "City Council"
                 : sy_las[i].tier == VG_TIER_UNITARY ? "Council" : "District Council");
        if ((e = put_area(c, VG_AREA_LOCAL_AUTHORITY, sy_las[i].code, name, sy_las[i].tier,
                          sy_las[i].tier == VG_TIER_DISTRICT ? c->county_id : 0, c->la_pop[i],
                          c->la_households[i], &c->la_ids[i])))
            return e;
    }

    /* Neighbourhoods, then streets and addresses inside them. */
    uint32_t nn = 0;
    for (int i = 0; i < nla; i++)
        nn += (uint32_t)fmax(1, round((double)c->la_pop[i] / NBH_RESIDENTS));
    c->nbhs = vg_calloc(nn, sizeof *c->nbhs);
    c->addrs = vg_calloc((size_t)total_hh + 1, sizeof *c->addrs);
    c->addr_cum = vg_malloc(((size_t)total_hh + 1) * sizeof *c->addr_cum);
    size_t street_cap = (size_t)(total_hh / STREET_HOUSEHOLDS) + nn * 2 + 16;
    c->streets = vg_calloc(street_cap, sizeof *c->streets);
    int64_t *parts = vg_malloc((nn + 1) * sizeof *parts), *hparts = vg_malloc((nn + 1) * sizeof *hparts);
    if (!c->nbhs || !c->addrs || !c->addr_cum || !c->streets || !parts || !hparts) {
        vg_free(parts);
        vg_free(hparts);
        return nomem(c);
    }
    double cum = 0;
    uint32_t lsoa = 0, lsoa_fill = 0;
    for (int la = 0; la < nla; la++) {
        const sy_la_def *d = &sy_las[la];
        uint32_t k = (uint32_t)fmax(1, round((double)c->la_pop[la] / NBH_RESIDENTS));
        split(c, c->la_pop[la], k, 0.2, parts);
        split(c, c->la_households[la], k, 0.0, hparts);
        for (uint32_t j = 0; j < k; j++) {
            sy_nbh *nb = &c->nbhs[c->n_nbhs];
            nb->la = la;
            double r = d->radius * pow(vg_rng_unit(&c->rng), 0.7), th = 2 * M_PI * vg_rng_unit(&c->rng);
            nb->x = (float)(d->x + r * cos(th));
            nb->y = (float)(d->y + r * sin(th));
            nb->deprivation = (float)exp(normal(c, 0.6) + 0.4 * d->urban);
            nb->postcode_district = 1 + la * 7 + (int)(j % 7);
            char code[16], name[96], loc[48];
            snprintf(code, sizeof code, "WXN%05u", c->n_nbhs + 1);
            locality(c, c->n_nbhs, loc, sizeof loc);
            snprintf(name, sizeof name, "%s %s", d->name, loc);
            if ((e = put_area(c, VG_AREA_NEIGHBOURHOOD, code, name, VG_TIER_NONE, c->la_ids[la], parts[j], hparts[j],
                              &nb->area_id)))
                goto out;
            /* Streets of about 35 households laid out around the neighbourhood centre. */
            int64_t hh_left = hparts[j];
            nb->first_street = c->n_streets;
            double spread = 300 + 500 * (1 - d->urban);
            while (hh_left > 0 && c->n_streets < street_cap) {
                sy_street *s = &c->streets[c->n_streets];
                uint32_t n = (uint32_t)fmin((double)hh_left, fmax(4, round(STREET_HOUSEHOLDS * (0.4 + 1.2 * vg_rng_unit(&c->rng)))));
                if (hh_left - n < 4)
                    n = (uint32_t)hh_left;
                s->nbh = c->n_nbhs;
                s->name = (uint16_t)vg_rng_below(&c->rng, (uint64_t)sy_n_street_names);
                s->type = (uint16_t)vg_rng_below(&c->rng, (uint64_t)sy_n_street_types);
                s->first_addr = c->n_addrs;
                s->n_addr = n;
                if (lsoa_fill >= LSOA_HOUSEHOLDS) {
                    lsoa++;
                    lsoa_fill = 0;
                }
                s->lsoa = lsoa;
                lsoa_fill += n;
                double sx = nb->x + normal(c, spread), sy = nb->y + normal(c, spread);
                double dir = M_PI * vg_rng_unit(&c->rng);
                for (uint32_t a = 0; a < n; a++) {
                    sy_addr *ad = &c->addrs[c->n_addrs];
                    double along = ((double)(a / 2) - n / 4.0) * 14.0, side = (a % 2 ? 9.0 : -9.0);
                    ad->x = (float)(sx + along * cos(dir) - side * sin(dir));
                    ad->y = (float)(sy + along * sin(dir) + side * cos(dir));
                    ad->street = c->n_streets;
                    cum += nb->deprivation;
                    c->addr_cum[c->n_addrs] = cum;
                    c->n_addrs++;
                }
                hh_left -= n;
                c->n_streets++;
            }
            nb->n_streets = c->n_streets - nb->first_street;
            c->n_nbhs++;
            /* New LSOA at each neighbourhood boundary, as LSOAs nest in areas. */
            if (lsoa_fill) {
                lsoa++;
                lsoa_fill = 0;
            }
        }
    }
    c->n_lsoas = lsoa;
    c->rep->neighbourhoods = c->n_nbhs;
    c->rep->lsoas = lsoa;
    for (uint32_t a = 0; a < c->n_addrs; a++)
        if ((e = write_address(c, a)))
            goto out;
    c->rep->addresses = c->n_addrs;
    c->rep->location_records = c->n_addrs;
    if ((e = build_places(c)) || (e = build_grid(c)))
        goto out;
    c->rep->location_records += c->n_places;
out:
    vg_free(parts);
    vg_free(hparts);
    return e;
}

void sy_geo_free(sy_ctx *c)
{
    vg_free(c->nbhs);
    vg_free(c->streets);
    vg_free(c->addrs);
    vg_free(c->addr_cum);
    vg_free(c->places);
    vg_free(c->place_cum);
    vg_free(c->shops);
    vg_free(c->shop_cum);
    vg_free(c->comm);
    vg_free(c->comm_cum);
    vg_free(c->grid.start);
    vg_free(c->grid.idx);
}
