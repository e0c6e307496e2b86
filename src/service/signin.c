/* signin.c - signing in with Argon2id, throttled by client address and username, and
 * sessions: random tokens of which only a hash is stored, a fixed lifetime and an idle
 * timeout, checked from memory for at most a second, and ended for every device of a
 * user at once (sign-out, disabling, a new password or role).
 *
 * Throttling, not locking: an account is never locked by failures an outsider can cause.
 * Each (address, username) pair may fail auth.throttle_free times; each failure after
 * that refuses the pair for twice as long as the one before (1 s, 2 s, 4 s ... up to
 * auth.throttle_max_seconds) whatever the password, so guessing from one place is slowed
 * to a crawl while the user signs in from anywhere else as usual. A refused attempt,
 * an unknown or disabled user and a wrong password are answered in the same words after
 * the same work (one Argon2id hash), so the answer tells nobody which it was. */
#include "base/alloc.h"
#include "base/log.h"
#include "service/service_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define WRONG "the username or password is wrong (after several failed attempts, wait a minute before trying again)"
#define GONE "not signed in, or the session has ended: sign in again"

/* ---- throttling by (address, username) */

#define THROTTLE_SETS 4096
#define THROTTLE_WAYS 4

typedef struct throttle_slot {
    uint64_t key;          /* keyed hash of the address and username; 0: empty */
    uint64_t user;         /* keyed hash of the username alone: an administrator clears a user's slots */
    int failures;          /* since the last success */
    int64_t last, until;   /* the last failure; refused before `until` (ms, monotonic) */
} throttle_slot;

/* The throttle's clock, in milliseconds: whole seconds would make a "1 s" delay
 * anything from 1 ms to 1 s, depending on where in its second the failure fell. */
static int64_t throttle_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct vg_throttle {
    pthread_mutex_t lock;
    unsigned char secret[crypto_shorthash_KEYBYTES]; /* so that no one can aim at a slot */
    throttle_slot slot[THROTTLE_SETS][THROTTLE_WAYS];
};

vg_err vg_throttle_new(vg_throttle **out)
{
    vg_throttle *t = vg_calloc(1, sizeof *t);
    if (!t)
        return VG_ERR_NOMEM;
    pthread_mutex_init(&t->lock, NULL);
    randombytes_buf(t->secret, sizeof t->secret);
    *out = t;
    return VG_OK;
}

void vg_throttle_free(vg_throttle *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->lock);
    vg_free(t);
}

static uint64_t throttle_user(const vg_throttle *t, const char *username)
{
    unsigned char h[crypto_shorthash_BYTES];
    crypto_shorthash(h, (const unsigned char *)username, strlen(username), t->secret);
    uint64_t k;
    memcpy(&k, h, sizeof k);
    return k ? k : 1;
}

static uint64_t throttle_key(const vg_throttle *t, const char *from, const char *username)
{
    char buf[48 + 2 + 1100];
    int n = snprintf(buf, sizeof buf, "%s%c%s", from, 0, username);
    unsigned char h[crypto_shorthash_BYTES];
    crypto_shorthash(h, (const unsigned char *)buf, (unsigned long long)(n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1),
                     t->secret);
    uint64_t k;
    memcpy(&k, h, sizeof k);
    return k ? k : 1;
}

/* The pair's slot (found, or the emptiest of its set, taken over), under t->lock. A slot
 * whose last failure is older than an hour, or twice the longest delay, is forgotten. */
static throttle_slot *throttle_slot_of(vg_throttle *t, uint64_t key, int64_t now, int64_t forget, bool take)
{
    throttle_slot *set = t->slot[key % THROTTLE_SETS], *victim = &set[0];
    for (int w = 0; w < THROTTLE_WAYS; w++) {
        throttle_slot *s = &set[w];
        if (s->key && now - s->last > forget)
            memset(s, 0, sizeof *s);
        if (s->key == key)
            return s;
        if (!s->key || (victim->key && s->last < victim->last))
            victim = s;
    }
    if (!take)
        return NULL;
    memset(victim, 0, sizeof *victim);
    victim->key = key;
    return victim;
}

typedef struct throttle_cfg {
    int free;
    vg_time max_delay;
} throttle_cfg;

/* in ms */
static int64_t forget_after(const throttle_cfg *c) { return (c->max_delay * 2 > 3600 ? c->max_delay * 2 : 3600) * (int64_t)1000; }

/* An attempt of the pair at `now` (ms), in one step under the lock: refused (the whole
 * seconds left, rounded up, in *wait) while the pair waits out its delay; else counted as a failure at once, before
 * the password is checked, so that attempts sent together cannot all slip through
 * before any of them is counted (a success clears it). *failures: the count so far. */
static bool throttle_attempt(vg_throttle *t, const throttle_cfg *c, uint64_t key, uint64_t user, int64_t now,
                             vg_time *wait, int *failures)
{
    pthread_mutex_lock(&t->lock);
    throttle_slot *s = throttle_slot_of(t, key, now, forget_after(c), true);
    s->user = user;
    bool refused = s->until > now;
    *wait = refused ? (vg_time)((s->until - now + 999) / 1000) : 0;
    if (!refused) {
        s->failures++;
        s->last = now;
        int over = s->failures - c->free;
        if (over > 0) { /* the delay before the next attempt grows */
            vg_time delay = over > 30 ? c->max_delay : (vg_time)1 << (over - 1);
            s->until = now + (delay < c->max_delay ? delay : c->max_delay) * (int64_t)1000;
        }
    }
    *failures = s->failures;
    pthread_mutex_unlock(&t->lock);
    return refused;
}

static void throttle_clear(vg_throttle *t, const throttle_cfg *c, uint64_t key, int64_t now)
{
    pthread_mutex_lock(&t->lock);
    throttle_slot *s = throttle_slot_of(t, key, now, forget_after(c), false);
    if (s)
        memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&t->lock);
}

vg_throttle_state vg_throttle_of_user(vg_throttle *t, const char *username, bool clear)
{
    vg_throttle_state st = {0, 0, VG_TIME_NONE};
    uint64_t user = throttle_user(t, username);
    int64_t now = throttle_clock_ms();
    vg_time wall = vg_time_now();
    pthread_mutex_lock(&t->lock);
    for (size_t i = 0; i < THROTTLE_SETS; i++)
        for (int w = 0; w < THROTTLE_WAYS; w++) {
            throttle_slot *s = &t->slot[i][w];
            if (!s->key || s->user != user)
                continue;
            st.failures += s->failures;
            st.addresses++;
            if (s->until > now) { /* held back: until when, by the wall clock */
                vg_time until = wall + (vg_time)((s->until - now + 999) / 1000);
                if (st.held_until == VG_TIME_NONE || until > st.held_until)
                    st.held_until = until;
            }
            if (clear)
                memset(s, 0, sizeof *s);
        }
    pthread_mutex_unlock(&t->lock);
    return st;
}

/* ---- tokens */

static void token_new(char out[VG_TOKEN_LEN + 1])
{
    uint8_t raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, VG_TOKEN_LEN + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void token_hash(const char *token, uint8_t out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* ---- signing in */

static vg_err login_failed(vg_service *svc, const char *username, const char *from, const char *why, vg_error *err)
{
    vg_actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.username, sizeof a.username, "%s", username && *username ? username : "?"); /* the log cleans it */
    snprintf(a.agency, sizeof a.agency, "-");
    a.role = VG_UR_COUNT;
    snprintf(a.purpose, sizeof a.purpose, "login from %.40s: %.140s", from, why);
    vg_audit_alone(svc, &a, VG_AUDIT_LOGIN_FAILED, "session", NULL);
    return vg_error_set(err, VG_ERR_FORBIDDEN, "login", WRONG);
}

/* What signing in needs from the store, read under the lock in one go. */
typedef struct login_read {
    vg_err rc;
    vg_error err;
    vg_user_auth u;
    throttle_cfg thr;
    unsigned long long ops;
    size_t mem;
    vg_time session_s;
} login_read;

static void login_read_all(vg_service *svc, const char *username, login_read *lr)
{
    vg_service_lock(svc);
    lr->thr.free = (int)vg_service_config_number(svc, "auth.throttle_free");
    lr->thr.max_delay = (vg_time)vg_service_config_number(svc, "auth.throttle_max_seconds");
    lr->ops = (unsigned long long)vg_service_config_number(svc, "auth.argon2_ops");
    lr->mem = (size_t)vg_service_config_number(svc, "auth.argon2_mem_kib") * 1024;
    lr->session_s = 3600 * (vg_time)vg_service_config_number(svc, "auth.session_hours");
    lr->rc = vg_store_user_get(svc->store, 0, username, &lr->u, &lr->err);
    vg_service_unlock(svc);
}

vg_err vg_service_login(vg_service *svc, const char *username, const char *password, const char *from,
                        vg_session *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    from = from && *from ? from : "unknown";
    username = username ? username : "";
    login_read *lr = vg_calloc(1, sizeof *lr);
    if (!lr)
        return vg_error_set(err, VG_ERR_NOMEM, "login", "out of memory");
    login_read_all(svc, username, lr);
    vg_time now = vg_time_now(), wait = 0;
    int64_t tnow = throttle_clock_ms();
    uint64_t key = throttle_key(svc->throttle, from, username);
    vg_err e = VG_OK;
    char why[160] = "";
    if (lr->rc && lr->rc != VG_ERR_NOT_FOUND) {
        e = vg_error_set(err, lr->rc, "login", "%s", lr->err.why);
        goto out;
    }
    bool known = lr->rc == VG_OK && !lr->u.user.disabled && lr->u.user.role < VG_UR_OPERATOR;
    int failures = 0;
    bool refused = throttle_attempt(svc->throttle, &lr->thr, key, throttle_user(svc->throttle, username ? username : ""),
                                    tnow, &wait, &failures);
    /* the work of one Argon2id check whatever the outcome: the answer's time tells nothing */
    bool right = false;
    if (known && !refused)
        right = password && crypto_pwhash_str_verify(lr->u.password_hash, password, strlen(password)) == 0;
    else {
        char dummy[crypto_pwhash_STRBYTES];
        vg_error ignore;
        if (vg_password_hash_with("not the password", lr->ops, lr->mem, dummy, &ignore))
            vg_log_warn("login: %s", ignore.why);
    }
    if (!right) {
        if (refused)
            snprintf(why, sizeof why, "refused for %lld s more after repeated failures from this address",
                     (long long)wait);
        else
            snprintf(why, sizeof why, "%s (failure %d from this address)",
                     !known ? "no such user, or disabled" : "wrong password", failures);
        e = login_failed(svc, username, from, why, err);
        goto out;
    }
    throttle_clear(svc->throttle, &lr->thr, key, tnow);
    /* renew the hash when the parameters have changed */
    char rehash[crypto_pwhash_STRBYTES];
    bool renew = crypto_pwhash_str_needs_rehash(lr->u.password_hash, lr->ops, lr->mem) != 0;
    if (renew && (e = vg_password_hash_with(password, lr->ops, lr->mem, rehash, err)))
        goto out;
    token_new(out->token);
    token_new(out->csrf);
    out->expires = now + lr->session_s;
    vg_actor_of_user(&lr->u.user, &out->actor);
    snprintf(out->actor.purpose, sizeof out->actor.purpose, "login from %.40s", from);
    uint8_t h[32];
    token_hash(out->token, h);
    vg_service_lock(svc);
    if (!(e = vg_store_begin(svc->store, err))) {
        e = vg_store_user_update(svc->store, lr->u.user.id, renew ? rehash : NULL, -1, 0, VG_TIME_NONE, err);
        if (!e) /* sessions that ran out are of no use to anyone */
            e = vg_store_session_purge(svc->store, now, err);
        if (!e)
            e = vg_store_session_put(svc->store, h, lr->u.user.id, out->csrf, now, out->expires, err);
        if (!e)
            e = vg_audit_write(svc, &out->actor, VG_AUDIT_LOGIN, "session", NULL, NULL, err);
        if (!e)
            e = vg_store_commit(svc->store, err);
        else
            vg_store_rollback(svc->store);
    }
    vg_service_unlock(svc);
    out->actor.purpose[0] = '\0';
    if (e)
        memset(out, 0, sizeof *out);
out:
    sodium_memzero(lr, sizeof *lr);
    vg_free(lr);
    return e;
}

/* ---- sessions */

static double mono_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static vg_session_memo *memo_slot(vg_service *svc, const uint8_t h[32])
{
    uint32_t k;
    memcpy(&k, h, sizeof k);
    return &svc->memos[k % VG_SESSION_MEMOS];
}

/* A session checked less than VG_SESSION_RECHECK_S ago, from memory. */
static bool memo_get(vg_service *svc, const uint8_t h[32], vg_session *out)
{
    bool hit = false;
    pthread_mutex_lock(&svc->memo_lock);
    if (svc->memos) {
        const vg_session_memo *m = memo_slot(svc, h);
        hit = sodium_memcmp(m->hash, h, 32) == 0 && mono_seconds() - m->checked < VG_SESSION_RECHECK_S &&
              m->s.expires > vg_time_now();
        if (hit)
            *out = m->s;
    }
    pthread_mutex_unlock(&svc->memo_lock);
    return hit;
}

static void memo_put(vg_service *svc, const uint8_t h[32], const vg_session *s, uint64_t epoch)
{
    pthread_mutex_lock(&svc->memo_lock);
    if (!svc->memos)
        svc->memos = vg_calloc(VG_SESSION_MEMOS, sizeof *svc->memos);
    /* a check that began before sessions were ended may have read one that is gone */
    if (svc->memos && epoch == svc->session_epoch) {
        vg_session_memo *m = memo_slot(svc, h);
        memcpy(m->hash, h, 32);
        m->checked = mono_seconds();
        m->s = *s;
    }
    pthread_mutex_unlock(&svc->memo_lock);
}

void vg_sessions_forget(vg_service *svc)
{
    pthread_mutex_lock(&svc->memo_lock);
    if (svc->memos)
        memset(svc->memos, 0, VG_SESSION_MEMOS * sizeof *svc->memos);
    svc->session_epoch++;
    pthread_mutex_unlock(&svc->memo_lock);
}

uint64_t vg_service_session_epoch(vg_service *svc)
{
    pthread_mutex_lock(&svc->memo_lock);
    uint64_t e = svc->session_epoch;
    pthread_mutex_unlock(&svc->memo_lock);
    return e;
}

/* Sessions are told they were used at most once a minute: the idle timeout is counted
 * in minutes, and a write per request would cost more than the request. */
#define TOUCH_EVERY_S 60

/* The session behind token; a use of it (touch) counts against its idle timeout. */
static vg_err session_check(vg_service *svc, const char *token, bool touch, vg_session *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    if (!token || strlen(token) != VG_TOKEN_LEN)
        return vg_error_set(err, VG_ERR_FORBIDDEN, "session", GONE);
    uint8_t h[32];
    token_hash(token, h);
    if (memo_get(svc, h, out))
        return VG_OK;
    uint64_t epoch = vg_service_session_epoch(svc);
    vg_id user;
    vg_error e2;
    vg_user_auth u;
    vg_time last = VG_TIME_NONE, now = vg_time_now();
    vg_store *st = vg_reader_get(svc);
    vg_time idle = 60 * (vg_time)vg_service_config_number_in(st, "auth.idle_minutes");
    vg_err e = vg_store_session_get(st, h, &user, out->csrf, &out->expires, &last, &e2);
    bool live = !e && out->expires > now && (last == VG_TIME_NONE || now - last <= idle);
    if (live)
        e = vg_store_user_get(st, user, NULL, &u, &e2);
    vg_reader_put(svc, st);
    if (e == VG_ERR_NOT_FOUND || (!e && (!live || u.user.disabled)))
        return vg_error_set(err, VG_ERR_FORBIDDEN, "session", GONE);
    if (e)
        return vg_error_set(err, e, "session", "%s", e2.why);
    if (touch && (last == VG_TIME_NONE || now - last >= TOUCH_EVERY_S)) {
        vg_service_lock(svc);
        if (vg_store_session_touch(svc->store, h, now, &e2))
            vg_log_warn("session: could not note its use: %s", e2.why);
        vg_service_unlock(svc);
    }
    snprintf(out->token, sizeof out->token, "%s", token);
    vg_actor_of_user(&u.user, &out->actor);
    memo_put(svc, h, out, epoch);
    return VG_OK;
}

vg_err vg_service_session(vg_service *svc, const char *token, vg_session *out, vg_error *err)
{
    return session_check(svc, token, true, out, err);
}

bool vg_service_session_alive(vg_service *svc, const char *token)
{
    vg_session s;
    vg_error err;
    bool alive = session_check(svc, token, false, &s, &err) == VG_OK;
    sodium_memzero(&s, sizeof s);
    return alive;
}

vg_err vg_service_logout(vg_service *svc, const char *token, vg_error *err)
{
    vg_session s;
    vg_err e = vg_service_session(svc, token, &s, err);
    if (e)
        return e;
    vg_service_lock(svc);
    if (!(e = vg_store_begin(svc->store, err))) {
        /* signing out signs out everywhere: every session of the user ends */
        e = vg_store_session_delete(svc->store, NULL, s.actor.user_id, err);
        if (!e)
            e = vg_audit_write(svc, &s.actor, VG_AUDIT_LOGOUT, "session", NULL, "logout: every session of the user", err);
        if (!e)
            e = vg_store_commit(svc->store, err);
        else
            vg_store_rollback(svc->store);
    }
    vg_service_unlock(svc);
    if (!e)
        vg_sessions_forget(svc);
    sodium_memzero(&s, sizeof s);
    return e;
}
