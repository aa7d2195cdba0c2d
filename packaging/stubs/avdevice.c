/* Stands in for libavdevice (FFmpeg's capture and playback devices: ALSA, V4L2, X11 screen grab,
 * 0.1 MB, with the ALSA and xcb libraries only it links, 1.4 MB) inside PyAV in the desktop
 * bundle.
 *
 * Every PyAV module links it and PyAV registers the devices at import, but MockInterview reads
 * the camera through OpenCV, the microphone through PortAudio, and opens only files with PyAV.
 * So registration registers nothing (a device format such as "v4l2" is then unknown to
 * av.open, which raises), listing devices fails with ENOSYS, and the version, configuration and
 * licence calls PyAV makes at import answer as the real library would. The symbols carry
 * FFmpeg's version, LIBAVDEVICE_62 (avdevice.map). */
#include <stddef.h>

#define ENOSYS_ERROR (-38) /* AVERROR(ENOSYS) */

void avdevice_register_all(void) {}
unsigned avdevice_version(void) { return (62u << 16) | (3u << 8) | 102u; }
const char *avdevice_configuration(void) { return "devices left out of this build"; }
const char *avdevice_license(void) { return "LGPL version 2.1 or later"; }
int avdevice_list_input_sources(void) { return ENOSYS_ERROR; }
int avdevice_list_output_sinks(void) { return ENOSYS_ERROR; }
int avdevice_list_devices(void) { return ENOSYS_ERROR; }
void avdevice_free_list_devices(void **list) {
    if (list)
        *list = NULL;
}
