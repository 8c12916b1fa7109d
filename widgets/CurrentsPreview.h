#pragma once
// The first field of an import, drawn before the import (File > Import Currents...): current
// speed over the land mask with arrows, so that an unrotated grid-relative current or a
// depth-averaged one can be seen rather than found later in the drift. Plain QPainter: it is
// small, drawn once per detection, and needs no OpenGL.
#include <QString>
#include <QWidget>
#include <vector>

namespace driftlab {

struct PreviewField {
    int nx = 0, ny = 0;
    double lonMin = 0, latMin = 0, dLon = 1, dLat = 1;  // cell (0, 0)'s south-west corner
    std::vector<float> u, v;                            // east, north, m/s; ny x nx
    std::vector<unsigned char> ocean;                   // 1 ocean, 0 land
    QString title;
};

class CurrentsPreview : public QWidget {
    Q_OBJECT
public:
    explicit CurrentsPreview(QWidget* parent = nullptr);
    void setField(PreviewField field);
    void setMessage(const QString& message);  // no field: a line of text instead
    const PreviewField& field() const { return field_; }
    int arrowCount() const { return arrows_; }  // drawn in the last paint

protected:
    void paintEvent(QPaintEvent*) override;

private:
    PreviewField field_;
    QString message_;
    int arrows_ = 0;
};

}  // namespace driftlab
