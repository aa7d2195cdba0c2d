/* Stands in for libx265 (HEVC encoding, 21 MB) inside PyAV's FFmpeg in the desktop bundle.
 *
 * FFmpeg links libx265 even though MockInterview only ever encodes H.264 (libx264) and AAC, so
 * the library must load, but nothing may call it for real. FFmpeg's libx265 wrapper asks
 * x265_api_get() for the API table, then calls param_alloc(); a NULL there makes FFmpeg refuse
 * the encoder ("Could not allocate x265 param structure") instead of encoding. Every other entry
 * of the table answers 0/NULL, so the wrapper's clean-up (param_free, ...) is harmless too.
 * The table's head follows x265.h's x265_api: eight ints, two strings, then the functions. */
#include <stddef.h>

static void *refuse(void) { return NULL; }

#define REFUSE4 refuse, refuse, refuse, refuse
#define REFUSE16 REFUSE4, REFUSE4, REFUSE4, REFUSE4

static const struct {
    int numbers[8];
    const char *version_str;
    const char *build_info_str;
    void *(*functions[64])(void);
} api = {{0}, "unavailable in this build", "unavailable in this build",
         {REFUSE16, REFUSE16, REFUSE16, REFUSE16}};

/* The name carries x265's API number, which follows the x265 build inside PyAV's wheel: 216
 * up to PyAV 18.1.0, 217 from 18.1.1. Every entry refuses, so one table serves both. */
const void *x265_api_get_216(int bit_depth) {
    (void)bit_depth;
    return &api;
}

const void *x265_api_get_217(int bit_depth) {
    (void)bit_depth;
    return &api;
}
