/* Two tiny definitions that keep the shipped library portable to older Linux (Lambda's
 * Amazon Linux 2023 has glibc 2.34; this machine builds against 2.36). Both are linked into
 * the .so and hidden by exports.map, so they only satisfy references made from inside it. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

/* Debian's static OpenBLAS (its bundled LAPACK is Fortran) needs exactly one symbol from
 * libgfortran: the string concatenation gfortran emits for `A // B` (LAPACK uses it to name
 * a routine in an error report). Defining it keeps libgfortran and libquadmath out.
 * Semantics: s1 then s2 into dest, truncated to destlen, rest padded with blanks. */
void _gfortran_concat_string(size_t destlen, char *dest, size_t len1, const char *s1,
                             size_t len2, const char *s2) {
    size_t n1 = len1 < destlen ? len1 : destlen;
    memcpy(dest, s1, n1);
    size_t rest = destlen - n1;
    size_t n2 = len2 < rest ? len2 : rest;
    memcpy(dest + n1, s2, n2);
    memset(dest + n1 + n2, ' ', rest - n2);
}

/* The static libstdc++ of GCC 12 calls arc4random (glibc >= 2.36) from std::random_device.
 * getrandom has been in glibc since 2.25. */
uint32_t arc4random(void) {
    uint32_t value = 0;
    while (getrandom(&value, sizeof value, 0) != (ssize_t) sizeof value) {
    }
    return value;
}
