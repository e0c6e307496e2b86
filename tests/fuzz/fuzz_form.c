/* fuzz_form.c - libFuzzer harness for the web UI's form reader (vg_form_read,
 * vg_form_text) and HTML escaping. Invariants: a value read is NUL-terminated within its
 * buffer, holds no NUL and is valid UTF-8; a value not read leaves the buffer empty
 * (never a part of it); escaped text holds none of < > " ' and every & starts an entity. */
#include "base/str.h"
#include "http/html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"csrf", "given", "family", "a", "", "next", "x y"};
    const char *body = (const char *)data;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        char v[64];
        memset(v, 'Z', sizeof v);
        size_t got = 0;
        vg_form_rc rc = vg_form_read(body, size, keys[k], v, sizeof v, &got);
        if (!memchr(v, '\0', sizeof v) || (rc != VG_FORM_OK && v[0]))
            abort();
        if (rc == VG_FORM_OK && (strlen(v) != got || !vg_utf8_valid(v, got, NULL)))
            abort();
        if (rc == VG_FORM_TOO_LONG && got < sizeof v)
            abort();
        (void)vg_form_has(body, size, keys[k], "summary"); /* a group of checkboxes: never reads past the body */
        vg_form f;
        vg_form_init(&f, body, size);
        if (vg_form_text(&f, keys[k], VG_LIM_CODE, v, sizeof v) == f.failed && f.failed)
            abort();
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    vg_html h = {0};
    vg_h_text(&h, text);
    size_t n;
    char *out = vg_h_finish(&h, &n);
    if (out) {
        if (strpbrk(out, "<>\"'"))
            abort();
        for (const char *a = strchr(out, '&'); a; a = strchr(a + 1, '&'))
            if (strncmp(a, "&amp;", 5) && strncmp(a, "&lt;", 4) && strncmp(a, "&gt;", 4) && strncmp(a, "&quot;", 6) &&
                strncmp(a, "&#39;", 5))
                abort();
    }
    free(out);
    free(text);
    return 0;
}
