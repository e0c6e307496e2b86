/* fuzz_form.c - libFuzzer harness for the web UI's form reader (vg_form_get) and HTML
 * escaping. Invariants: a value read is NUL-terminated within its buffer and holds no
 * NUL; escaped text holds none of < > " ' and every & starts an entity. */
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
        if (vg_form_get(body, size, keys[k], v, sizeof v) && !memchr(v, '\0', sizeof v))
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
