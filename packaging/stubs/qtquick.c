/* Stands in for Qt Quick (libQt6Quick, 7.9 MB, with the QML engine libraries only it links:
 * libQt6QmlModels, libQt6QmlMeta and libQt6QmlWorkerScript) in the desktop bundle.
 *
 * Qt's FFmpeg media plugin (the report's video player) links Qt Quick for one feature the app
 * never uses: capturing a Qt Quick window's picture (QWindowCapture). It takes two symbols from
 * it: QQuickWindow::staticMetaObject, only ever passed to QMetaObject::cast() to ask whether a
 * window is a QQuickWindow (cast compares the window's meta-object chain with this address and
 * reads nothing from it, so the answer is always "no": the app's windows are widgets), and
 * QQuickWindow::grabWindow(), reached only after a "yes". Here grabWindow answers a null QImage,
 * Qt's own "the grab failed". Both carry Qt's symbol version, Qt_6 (qtquick.map). */

/* struct QMetaObject: seven pointers (superdata, stringdata, data, static_metacall,
 * relatedMetaObjects, metaTypes, extradata). */
const void *_ZN12QQuickWindow16staticMetaObjectE[7];

/* QImage::QImage() from Qt GUI, which the plugin links too. */
void _ZN6QImageC1Ev(void *image);

/* QImage QQuickWindow::grabWindow(): the QImage is returned through the hidden first argument. */
void *_ZN12QQuickWindow10grabWindowEv(void *image, void *window) {
    (void)window;
    _ZN6QImageC1Ev(image);
    return image;
}
