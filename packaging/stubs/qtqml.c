/* Stands in for the QML engine (libQt6Qml, 6.5 MB) in the desktop bundle.
 *
 * Qt's FFmpeg media plugin (the report's video player) lists libQt6Qml among the libraries it
 * needs but takes no symbol from it (`nm -D --undefined-only` shows none, and it asks for none
 * of its symbol versions), so an empty library of that name is all the loader needs. The real
 * one was loaded only for Qt Quick, which qtquick.c replaces. */
typedef int iso_c_needs_one_declaration;
