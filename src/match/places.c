/* places.c - the in-memory place index of first contact (places.h). */
#include "match/places.h"
#include "base/alloc.h"
#include "base/map.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CELL_DEG 0.0005 /* about 55 m north-south, 35 m east-west */

typedef struct place_pt {
    int64_t id;
    double lat, lon;
} place_pt;

struct vg_match_places {
    vg_strmap *addr; /* address key -> location id */
    vg_strmap *cell; /* grid cell -> index into pts + 1 (the cell's last place; chained by prev) */
    place_pt *pts;
    int64_t *prev;
    size_t n, cap;
};

vg_err vg_match_places_new(vg_match_places **out)
{
    *out = NULL;
    vg_match_places *p = vg_calloc(1, sizeof *p);
    if (!p || vg_strmap_new(&p->addr) || vg_strmap_new(&p->cell)) {
        vg_match_places_free(p);
        return VG_ERR_NOMEM;
    }
    *out = p;
    return VG_OK;
}

void vg_match_places_free(vg_match_places *p)
{
    if (!p)
        return;
    vg_strmap_free(p->addr);
    vg_strmap_free(p->cell);
    vg_free(p->pts);
    vg_free(p->prev);
    vg_free(p);
}

void vg_match_address_key(const vg_norm_address *a, char *out, size_t n)
{
    out[0] = '\0';
    const char *house = a->number[0] ? a->number : a->building;
    if (!house[0] || (!a->postcode[0] && !a->street[0]))
        return;
    if (a->postcode[0])
        snprintf(out, n, "p|%s|%s|%s", a->postcode, house, a->flat);
    else
        snprintf(out, n, "s|%s|%s|%s", a->street, house, a->flat);
}

static int64_t cell_of(double lat, double lon)
{
    int64_t y = (int64_t)floor(lat / CELL_DEG), x = (int64_t)floor(lon / CELL_DEG);
    return y * 4000003 + x;
}

static double metres(double lat1, double lon1, double lat2, double lon2)
{
    double k = M_PI / 180, dy = (lat2 - lat1) * k, dx = (lon2 - lon1) * k * cos((lat1 + lat2) / 2 * k);
    return 6371000.0 * sqrt(dx * dx + dy * dy);
}

vg_err vg_match_places_add_address(vg_match_places *p, const char *key, int64_t id)
{
    return vg_strmap_put(p->addr, key, strlen(key), id);
}

vg_err vg_match_places_add_point(vg_match_places *p, int64_t id, double lat, double lon)
{
    if (p->n == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 1024;
        place_pt *pts = vg_realloc(p->pts, ncap * sizeof *pts);
        if (!pts)
            return VG_ERR_NOMEM;
        p->pts = pts;
        int64_t *prev = vg_realloc(p->prev, ncap * sizeof *prev);
        if (!prev)
            return VG_ERR_NOMEM;
        p->prev = prev;
        p->cap = ncap;
    }
    int64_t cell = cell_of(lat, lon), head = 0;
    vg_strmap_get(p->cell, (const char *)&cell, sizeof cell, &head);
    p->pts[p->n] = (place_pt){id, lat, lon};
    p->prev[p->n] = head;
    p->n++;
    return vg_strmap_put(p->cell, (const char *)&cell, sizeof cell, (int64_t)p->n);
}

int64_t vg_match_places_find(const vg_match_places *p, const char *key)
{
    int64_t id = 0;
    return key[0] && vg_strmap_get(p->addr, key, strlen(key), &id) ? id : 0;
}

int64_t vg_match_places_near(const vg_match_places *p, double lat, double lon)
{
    int64_t best = 0;
    double best_d = VG_PLACE_RADIUS_M;
    int64_t cy = (int64_t)floor(lat / CELL_DEG), cx = (int64_t)floor(lon / CELL_DEG);
    for (int64_t dy = -1; dy <= 1; dy++)
        for (int64_t dx = -1; dx <= 1; dx++) {
            int64_t cell = (cy + dy) * 4000003 + (cx + dx), i = 0;
            if (!vg_strmap_get(p->cell, (const char *)&cell, sizeof cell, &i))
                continue;
            for (; i; i = p->prev[i - 1]) {
                const place_pt *pt = &p->pts[i - 1];
                double d = metres(lat, lon, pt->lat, pt->lon);
                if (d <= best_d) {
                    best_d = d;
                    best = pt->id;
                }
            }
        }
    return best;
}
