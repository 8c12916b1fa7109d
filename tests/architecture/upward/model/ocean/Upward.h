#pragma once
// A fixture for architecture.floors_catch: a lower room that includes a higher one, and Qt in
// model/. The floor check must refuse both.
#include <QString>

#include "jobs/Generator.h"
