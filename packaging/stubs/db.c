/* Stands in for Berkeley DB (libdb-5.3, 1.8 MB) in the desktop bundle.
 *
 * Only JACK's client library links it, for JACK's metadata store (jack_set_property and the
 * like), which PortAudio never calls: PortAudio opens a JACK client to play and record. Creating
 * an environment or a database fails with EOPNOTSUPP, so a metadata call reports an error; the
 * rest of JACK, and every other audio path, does not touch it. */
#include <errno.h>
#include <stddef.h>

int db_env_create(void **environment, unsigned int flags) {
    (void)flags;
    if (environment != NULL) *environment = NULL;
    return EOPNOTSUPP;
}

int db_create(void **database, void *environment, unsigned int flags) {
    (void)environment;
    (void)flags;
    if (database != NULL) *database = NULL;
    return EOPNOTSUPP;
}

char *db_strerror(int error) {
    (void)error;
    return "Berkeley DB is not in this bundle (JACK metadata is unavailable)";
}
