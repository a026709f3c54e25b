/* A tiny definition that keeps the shipped library portable to older Linux (Lambda's Amazon
 * Linux 2023 has glibc 2.34; this machine builds against 2.36). It is linked into the .so and
 * hidden by exports.map, so it only satisfies references made from inside it. */
#include <stdint.h>
#include <sys/random.h>

/* The static libstdc++ of GCC 12 calls arc4random (glibc >= 2.36) from std::random_device.
 * getrandom has been in glibc since 2.25. */
uint32_t arc4random(void) {
    uint32_t value = 0;
    while (getrandom(&value, sizeof value, 0) != (ssize_t) sizeof value) {
    }
    return value;
}
