/* Stands in for libsndfile (2.9 MB with the FLAC, Opus, Vorbis, MPEG and LAME libraries only it
 * links) in the desktop bundle, where only PulseAudio's client library links it.
 *
 * libpulse uses it in its sound-file helpers, which command-line tools such as paplay call on a
 * file they opened with sf_open() themselves; the client library never opens a file, so nothing
 * in the app can hold a SNDFILE to pass. Every call reads or writes nothing and fails. */
#include <stddef.h>
#include <stdint.h>

static const char unavailable[] = "libsndfile is not part of this build";

int sf_command(void) { return 0; }
const char *sf_error_number(int number) {
    (void)number;
    return unavailable;
}
const char *sf_get_string(void) { return NULL; }
int64_t sf_readf_float(void) { return 0; }
int64_t sf_readf_int(void) { return 0; }
int64_t sf_readf_short(void) { return 0; }
int64_t sf_writef_float(void) { return 0; }
int64_t sf_writef_int(void) { return 0; }
int64_t sf_writef_short(void) { return 0; }
