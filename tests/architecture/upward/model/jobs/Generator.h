#pragma once
// A fixture for architecture.floors_catch (a room above model/ocean).
