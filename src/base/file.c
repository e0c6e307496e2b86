/* file.c - memory-mapped input files and recursive file listing. */
#include "base/file.h"
#include "base/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

vg_err vg_file_map(const char *path, vg_mapped *out, vg_error *err)
{
    out->data = NULL;
    out->len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return vg_error_set(err, errno == ENOENT ? VG_ERR_NOT_FOUND : VG_ERR_IO, path, "%s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return vg_error_set(err, VG_ERR_IO, path, "not a regular file");
    }
    if (st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            int e = errno;
            close(fd);
            return vg_error_set(err, VG_ERR_IO, path, "cannot map: %s", strerror(e));
        }
        madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
        out->data = p;
        out->len = (size_t)st.st_size;
    }
    close(fd);
    return VG_OK;
}

void vg_file_unmap(vg_mapped *m)
{
    if (m->data)
        munmap((void *)m->data, m->len);
    m->data = NULL;
    m->len = 0;
}

typedef struct list {
    char **v;
    size_t n, cap;
} list;

static bool push(list *l, const char *path)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        char **v = vg_realloc(l->v, ncap * sizeof *v);
        if (!v)
            return false;
        l->v = v;
        l->cap = ncap;
    }
    if (!(l->v[l->n] = vg_strdup(path)))
        return false;
    l->n++;
    return true;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static vg_err walk(const char *path, const char *suffix, list *l, int depth, vg_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return vg_error_set(err, errno == ENOENT ? VG_ERR_NOT_FOUND : VG_ERR_IO, path, "%s", strerror(errno));
    if (S_ISREG(st.st_mode)) {
        if (depth > 0 && suffix && !has_suffix(path, suffix))
            return VG_OK; /* inside folders, only matching names; a named file is taken as is */
        return push(l, path) ? VG_OK : vg_error_set(err, VG_ERR_NOMEM, path, "out of memory");
    }
    if (!S_ISDIR(st.st_mode) || depth > 32)
        return VG_OK;
    DIR *d = opendir(path);
    if (!d)
        return vg_error_set(err, VG_ERR_IO, path, "%s", strerror(errno));
    vg_err e = VG_OK;
    struct dirent *de;
    while (!e && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(de->d_name) + 2;
        char *child = vg_malloc(n);
        if (!child) {
            e = vg_error_set(err, VG_ERR_NOMEM, path, "out of memory");
            break;
        }
        snprintf(child, n, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", de->d_name);
        e = walk(child, suffix, l, depth + 1, err);
        vg_free(child);
    }
    closedir(d);
    return e;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

vg_err vg_file_list(const char *const *roots, size_t nroots, const char *suffix, char ***paths, size_t *n, vg_error *err)
{
    list l = {0};
    vg_err e = VG_OK;
    for (size_t i = 0; !e && i < nroots; i++)
        e = walk(roots[i], suffix, &l, 0, err);
    if (e) {
        vg_file_list_free(l.v, l.n);
        return e;
    }
    if (l.n)
        qsort(l.v, l.n, sizeof *l.v, cmp_str);
    *paths = l.v;
    *n = l.n;
    return VG_OK;
}

void vg_file_list_free(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        vg_free(paths[i]);
    vg_free(paths);
}
