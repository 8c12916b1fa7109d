#!/usr/bin/python3
"""Writes small NetCDF files in the exact layouts real producers write (CMEMS MED and GLO,
HYCOM, NEMO with a mesh mask, ROMS, a NetCDF-3 file, a noleap calendar, an hourly file; the
OpenDrift and Parcels trajectory layouts) with analytic currents, and some broken files.
Run with Debian's python (/usr/bin/python3: netCDF4 is netCDF-C underneath).
    make_fixtures.py OUT_DIR
The tests (tests/model/importing/ImportCurrentsTest.cpp, tests/cli/import_test.sh) check DriftLab's
import against the analytic values written here."""
import math
import os
import sys

import numpy as np
from netCDF4 import Dataset

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

# The analytic flows the tests check.
U0, V0 = 0.3, 0.1          # uniform eastward / northward current, m/s
ROT_NEMO = math.radians(30)  # NEMO grid's i axis, counter-clockwise from east
ROT_ROMS = 0.4               # ROMS angle (radians)


def path(name):
    return os.path.join(out, name)


def cmems_med():
    """CMEMS MEDSEA analysis: float32 uo/vo (time, depth, lat, lon), 1e20 fill, lat/lon."""
    with Dataset(path("cmems_med.nc"), "w", format="NETCDF4") as f:
        f.Conventions = "CF-1.0"
        f.source = "MEDSEA_ANALYSISFORECAST_PHY_006_013 (layout)"
        nx, ny, nt = 48, 32, 6
        f.createDimension("time", None)
        f.createDimension("depth", 1)
        f.createDimension("lat", ny)
        f.createDimension("lon", nx)
        t = f.createVariable("time", "f8", ("time",))
        t.units = "days since 1970-01-01 00:00:00"
        t.standard_name = "time"
        t.calendar = "gregorian"
        t.axis = "T"
        t[:] = 19000 + np.arange(nt) + 0.5  # daily means stamped at 12:00
        d = f.createVariable("depth", "f4", ("depth",))
        d.units = "m"
        d.positive = "down"
        d.standard_name = "depth"
        d[:] = [1.0182366]
        la = f.createVariable("lat", "f4", ("lat",))
        la.units = "degrees_north"
        la.standard_name = "latitude"
        la[:] = 42.0 + (np.arange(ny) + 0.5) / 24.0
        lo = f.createVariable("lon", "f4", ("lon",))
        lo.units = "degrees_east"
        lo.standard_name = "longitude"
        lo[:] = 4.0 + (np.arange(nx) + 0.5) / 24.0
        land = np.zeros((ny, nx), bool)
        land[:10, :12] = True  # a coast in the south-west corner
        for name, sn, val in (("uo", "eastward_sea_water_velocity", U0),
                              ("vo", "northward_sea_water_velocity", V0)):
            v = f.createVariable(name, "f4", ("time", "depth", "lat", "lon"), fill_value=1e20)
            v.standard_name = sn
            v.units = "m s-1"
            data = np.full((nt, 1, ny, nx), val, np.float32)
            data[:, :, land] = 1e20
            v.set_auto_mask(False)
            v[:] = data


def cmems_glo():
    """CMEMS GLOBAL: short packed uo/vo with scale_factor, latitude/longitude, hours since 1950."""
    with Dataset(path("cmems_glo.nc"), "w", format="NETCDF4") as f:
        nx, ny, nt = 40, 24, 4
        f.createDimension("time", nt)
        f.createDimension("depth", 1)
        f.createDimension("latitude", ny)
        f.createDimension("longitude", nx)
        t = f.createVariable("time", "i4", ("time",))
        t.units = "hours since 1950-01-01"
        t.standard_name = "time"
        t.calendar = "gregorian"
        t[:] = (np.arange(nt) + 26298) * 24  # 2022-01-01 onwards (26298 days after 1950-01-01)
        d = f.createVariable("depth", "f4", ("depth",))
        d.units = "m"
        d.positive = "down"
        d[:] = [0.494025]
        la = f.createVariable("latitude", "f4", ("latitude",))
        la.units = "degrees_north"
        la.standard_name = "latitude"
        la[:] = 40.0 + np.arange(ny) / 12.0
        lo = f.createVariable("longitude", "f4", ("longitude",))
        lo.units = "degrees_east"
        lo.standard_name = "longitude"
        lo[:] = 5.0 + np.arange(nx) / 12.0
        scale = 0.000610370188951
        yy, xx = np.meshgrid(np.arange(ny), np.arange(nx), indexing="ij")
        for name, sn, field in (
                ("uo", "eastward_sea_water_velocity", 0.5 + 0.01 * xx),
                ("vo", "northward_sea_water_velocity", -0.25 + 0.01 * yy)):
            v = f.createVariable(name, "i2", ("time", "depth", "latitude", "longitude"),
                                 fill_value=np.int16(-32767))
            v.standard_name = sn
            v.units = "m s-1"
            v.scale_factor = scale
            v.add_offset = 0.0
            v.set_auto_maskandscale(False)
            packed = np.round(field / scale).astype(np.int16)
            packed[-3:, -3:] = -32767  # land in the north-east corner
            v[:] = np.broadcast_to(packed, (nt, 1, ny, nx))


def hycom():
    """HYCOM GLBy: 0-360 longitudes across Greenwich, water_u/water_v short with -30000 fill."""
    with Dataset(path("hycom.nc"), "w", format="NETCDF4_CLASSIC") as f:
        lons = np.concatenate([np.arange(356.0, 360.0, 0.08), np.arange(0.0, 4.0, 0.08)])
        nx, ny, nt = len(lons), 30, 3
        f.createDimension("time", nt)
        f.createDimension("depth", 2)
        f.createDimension("lat", ny)
        f.createDimension("lon", nx)
        t = f.createVariable("time", "f8", ("time",))
        t.units = "hours since 2000-01-01 00:00:00"
        t.time_origin = "2000-01-01 00:00:00"
        t.calendar = "standard"
        t[:] = 24 * (8036 + np.arange(nt))  # 2022-01-01
        tau = f.createVariable("tau", "f8", ("time",))
        tau.units = "hours since analysis"
        tau[:] = 0
        d = f.createVariable("depth", "f8", ("depth",))
        d.units = "m"
        d.positive = "down"
        d.axis = "Z"
        d[:] = [0.0, 2.0]
        la = f.createVariable("lat", "f8", ("lat",))
        la.units = "degrees_north"
        la[:] = 36.0 + 0.04 * np.arange(ny)
        lo = f.createVariable("lon", "f8", ("lon",))
        lo.units = "degrees_east"
        lo.modulo = "360 degrees"
        lo[:] = lons
        east = np.where(lons > 180, lons - 360, lons)  # -4 .. 4
        for name, field in (("water_u", 0.2 + 0.05 * east), ("water_v", np.full(nx, -0.1))):
            v = f.createVariable(name, "i2", ("time", "depth", "lat", "lon"),
                                 fill_value=np.int16(-30000))
            v.units = "m/s"
            v.long_name = "Eastward Water Velocity" if name == "water_u" else "Northward Water Velocity"
            v.scale_factor = 0.001
            v.add_offset = 0.0
            v.set_auto_maskandscale(False)
            surface = np.round(np.broadcast_to(field, (ny, nx)) / 0.001).astype(np.int16)
            data = np.stack([surface, np.full_like(surface, 999)])  # level 1 differs
            data[:, :4, :] = -30000  # land along the south edge
            v[:] = np.broadcast_to(data, (nt, 2, ny, nx))


def rotated_points(nx, ny, d, theta, lon0, lat0, di=0.0, dj=0.0):
    i, j = np.meshgrid(np.arange(nx) + di, np.arange(ny) + dj, indexing="xy")
    east = (i * math.cos(theta) - j * math.sin(theta)) * d
    north = (i * math.sin(theta) + j * math.cos(theta)) * d
    lat = lat0 + north
    lon = lon0 + east / np.cos(np.radians(lat0))
    return lon, lat


def nemo():
    """NEMO output on a rotated curvilinear C-grid: U and V files (XIOS layout, nav_lon/nav_lat
    at their own points) and a mesh mask with glamt/gphit/glamu/.../tmask/umask/vmask."""
    nx, ny, nt, d = 40, 36, 3, 0.03
    lon0, lat0 = 6.0, 41.5
    T = rotated_points(nx, ny, d, ROT_NEMO, lon0, lat0)
    U = rotated_points(nx, ny, d, ROT_NEMO, lon0, lat0, di=0.5)
    V = rotated_points(nx, ny, d, ROT_NEMO, lon0, lat0, dj=0.5)
    tmask = np.ones((ny, nx), np.int8)
    tmask[:, :6] = 0  # land along the i = 0 side
    tmask[-1, :] = 0
    umask = tmask * np.roll(tmask, -1, axis=1)
    umask[:, -1] = 0
    vmask = tmask * np.roll(tmask, -1, axis=0)
    vmask[-1, :] = 0
    with Dataset(path("nemo_mesh_mask.nc"), "w", format="NETCDF4") as f:
        f.createDimension("t", None)
        f.createDimension("z", 2)
        f.createDimension("y", ny)
        f.createDimension("x", nx)
        for name, arr in (("glamt", T[0]), ("gphit", T[1]), ("glamu", U[0]), ("gphiu", U[1]),
                          ("glamv", V[0]), ("gphiv", V[1])):
            v = f.createVariable(name, "f8", ("t", "y", "x"))
            v[0] = arr
        for name, m in (("tmask", tmask), ("umask", umask), ("vmask", vmask)):
            v = f.createVariable(name, "i1", ("t", "z", "y", "x"))
            v[0] = np.stack([m, m])
    ux = U0 * math.cos(ROT_NEMO) + V0 * math.sin(ROT_NEMO)
    vy = -U0 * math.sin(ROT_NEMO) + V0 * math.cos(ROT_NEMO)
    for grid, pts, name, sn, val, m, depth in (
            ("U", U, "vozocrtx", "sea_water_x_velocity", ux, umask, "depthu"),
            ("V", V, "vomecrty", "sea_water_y_velocity", vy, vmask, "depthv")):
        with Dataset(path("nemo_grid_%s.nc" % grid), "w", format="NETCDF4") as f:
            f.createDimension("time_counter", None)
            f.createDimension(depth, 2)
            f.createDimension("y", ny)
            f.createDimension("x", nx)
            lo = f.createVariable("nav_lon", "f4", ("y", "x"))
            lo.standard_name = "longitude"
            lo.units = "degrees_east"
            lo[:] = pts[0]
            la = f.createVariable("nav_lat", "f4", ("y", "x"))
            la.standard_name = "latitude"
            la.units = "degrees_north"
            la[:] = pts[1]
            dd = f.createVariable(depth, "f4", (depth,))
            dd.units = "m"
            dd.positive = "down"
            dd[:] = [0.5, 1.5]
            t = f.createVariable("time_counter", "f8", ("time_counter",))
            t.units = "seconds since 1900-01-01 00:00:00"
            t.calendar = "gregorian"
            t.standard_name = "time"
            base = (np.datetime64("2021-03-01") - np.datetime64("1900-01-01")).astype(int) * 86400
            t[:] = base + 43200 + 86400 * np.arange(nt)
            v = f.createVariable(name, "f4", ("time_counter", depth, "y", "x"), fill_value=0.0)
            v.standard_name = sn
            v.units = "m/s"
            v.coordinates = "time_counter nav_lat nav_lon"
            data = np.where(m > 0, val, 0.0).astype(np.float32)
            v[:] = np.broadcast_to(data, (nt, 2, ny, nx))


def roms():
    """ROMS/CROCO history: u(eta_u, xi_u), v(eta_v, xi_v), lon_rho/lat_rho, angle, masks."""
    L, M, nt, d = 34, 30, 3, 0.03
    lon_rho, lat_rho = rotated_points(L, M, d, ROT_ROMS, -9.5, 42.0)
    mask_rho = np.ones((M, L))
    mask_rho[:5, :] = 0  # land on the south side
    mask_u = mask_rho[:, :-1] * mask_rho[:, 1:]
    mask_v = mask_rho[:-1, :] * mask_rho[1:, :]
    ux = U0 * math.cos(ROT_ROMS) + V0 * math.sin(ROT_ROMS)
    vy = -U0 * math.sin(ROT_ROMS) + V0 * math.cos(ROT_ROMS)
    with Dataset(path("roms_his.nc"), "w", format="NETCDF4") as f:
        f.type = "ROMS/TOMS history file"
        for dim, n in (("xi_rho", L), ("eta_rho", M), ("xi_u", L - 1), ("eta_u", M),
                       ("xi_v", L), ("eta_v", M - 1), ("s_rho", 4)):
            f.createDimension(dim, n)
        f.createDimension("ocean_time", None)
        s = f.createVariable("s_rho", "f8", ("s_rho",))
        s.positive = "up"
        s.standard_name = "ocean_s_coordinate_g2"
        s[:] = [-0.875, -0.625, -0.375, -0.125]
        t = f.createVariable("ocean_time", "f8", ("ocean_time",))
        t.units = "seconds since 2000-01-01 00:00:00"
        t.calendar = "proleptic_gregorian"
        t[:] = 86400 * (7305 + np.arange(nt))  # 2020-01-01
        for name, arr, units in (("lon_rho", lon_rho, "degree_east"),
                                 ("lat_rho", lat_rho, "degree_north")):
            v = f.createVariable(name, "f8", ("eta_rho", "xi_rho"))
            v.units = units
            v[:] = arr
        a = f.createVariable("angle", "f8", ("eta_rho", "xi_rho"))
        a.units = "radians"
        a[:] = np.full((M, L), ROT_ROMS)
        for name, dims, arr in (("mask_rho", ("eta_rho", "xi_rho"), mask_rho),
                                ("mask_u", ("eta_u", "xi_u"), mask_u),
                                ("mask_v", ("eta_v", "xi_v"), mask_v)):
            v = f.createVariable(name, "f8", dims)
            v.flag_values = [0.0, 1.0]
            v[:] = arr
        for name, dims, val, m in (("u", ("ocean_time", "s_rho", "eta_u", "xi_u"), ux, mask_u),
                                   ("v", ("ocean_time", "s_rho", "eta_v", "xi_v"), vy, mask_v)):
            v = f.createVariable(name, "f4", dims)
            v.long_name = "u-momentum component" if name == "u" else "v-momentum component"
            v.units = "meter second-1"
            data = np.where(m > 0, val, 0.0).astype(np.float32)
            v[:] = np.broadcast_to(data, (nt, 4) + data.shape)


def polar_points(nx, ny, d, x0, y0, lon0, radius=6371000.0):
    """Points of a north polar stereographic grid (true at the pole): x, y in metres and their
    lon / lat, as MET Norway's Arctic20 lays them."""
    x = x0 + d * np.arange(nx)
    y = y0 + d * np.arange(ny)
    X, Y = np.meshgrid(x, y, indexing="xy")
    rho = np.hypot(X, Y)
    lat = 90.0 - 2.0 * np.degrees(np.arctan(rho / (2.0 * radius)))
    lon = lon0 + np.degrees(np.arctan2(X, -Y))
    return x, y, lon, lat


def roms_polar():
    """MET Norway's ROMS on a polar stereographic grid (Arctic20's layout): u / v with
    standard_name x_sea_water_velocity / y_sea_water_velocity on depth levels, beside ubar / vbar
    (barotropic_sea_water_x_velocity), a grid_mapping and no `angle` variable. The surface current
    is U0 east, V0 north; deeper levels and the depth-averaged current are slower and turned, so
    an import that takes ubar, the wrong level, or forgets the rotation is off."""
    nx, ny, nt, d, lon0 = 40, 30, 2, 20000.0, 58.0
    x, y, lon, lat = polar_points(nx, ny, d, -400000.0, -2300000.0, lon0)
    alpha = -np.radians(lon - lon0)  # the grid's x axis, counter-clockwise from east

    def grid_components(east, north):
        return (east * np.cos(alpha) + north * np.sin(alpha),
                -east * np.sin(alpha) + north * np.cos(alpha))

    levels = [(0.0, U0, V0), (10.0, 0.15, 0.0), (50.0, 0.05, -0.05)]
    with Dataset(path("roms_polar.nc"), "w", format="NETCDF4") as f:
        f.title = "Arctic20-like ROMS output on a polar stereographic grid (DriftLab fixture)"
        for dim, n in (("time", None), ("depth", len(levels)), ("Y", ny), ("X", nx)):
            f.createDimension(dim, n)
        t = f.createVariable("time", "f8", ("time",))
        t.units = "seconds since 1970-01-01 00:00:00"
        t.standard_name = "time"
        t[:] = 86400 * (18628 + np.arange(nt))  # 2021-01-01
        dv = f.createVariable("depth", "f8", ("depth",))
        dv.units = "m"
        dv.positive = "down"
        dv[:] = [z for z, _, _ in levels]
        gm = f.createVariable("projection_stere", "i4")
        gm.grid_mapping_name = "polar_stereographic"
        gm.straight_vertical_longitude_from_pole = lon0
        gm.latitude_of_projection_origin = 90.0
        gm.scale_factor_at_projection_origin = 1.0
        gm.false_easting = 0.0
        gm.false_northing = 0.0
        xv = f.createVariable("X", "f8", ("X",))
        xv.standard_name = "projection_x_coordinate"
        xv.units = "m"
        xv[:] = x
        yv = f.createVariable("Y", "f8", ("Y",))
        yv.standard_name = "projection_y_coordinate"
        yv.units = "m"
        yv[:] = y
        for name, arr, sn, units in (("lon", lon, "longitude", "degrees_east"),
                                     ("lat", lat, "latitude", "degrees_north")):
            v = f.createVariable(name, "f8", ("Y", "X"))
            v.standard_name = sn
            v.units = units
            v[:] = arr
        ux = np.zeros((nt, len(levels), ny, nx), np.float32)
        vy = np.zeros_like(ux)
        for k, (_, e, n) in enumerate(levels):
            gx, gy = grid_components(e, n)
            ux[:, k] = gx
            vy[:, k] = gy
        for name, sn, arr in (("u", "x_sea_water_velocity", ux), ("v", "y_sea_water_velocity", vy)):
            v = f.createVariable(name, "f4", ("time", "depth", "Y", "X"), fill_value=-32767.0)
            v.standard_name = sn
            v.units = "m/s"
            v.grid_mapping = "projection_stere"
            v.coordinates = "lon lat"
            v[:] = arr
        bx, by = grid_components(0.1, 0.0)
        for name, sn, arr in (("ubar", "barotropic_sea_water_x_velocity", bx),
                              ("vbar", "barotropic_sea_water_y_velocity", by)):
            v = f.createVariable(name, "f4", ("time", "Y", "X"), fill_value=-32767.0)
            v.standard_name = sn
            v.units = "m/s"
            v.grid_mapping = "projection_stere"
            v.coordinates = "lon lat"
            v[:] = np.broadcast_to(arr, (nt, ny, nx)).astype(np.float32)


def simple(name, fmt, units, calendar, times, u_of_t=None, nx=32, ny=20, uname="u", vname="v"):
    with Dataset(path(name), "w", format=fmt) as f:
        f.createDimension("time", len(times))
        f.createDimension("lat", ny)
        f.createDimension("lon", nx)
        t = f.createVariable("time", "f8", ("time",))
        t.units = units
        if calendar:
            t.calendar = calendar
        t[:] = times
        la = f.createVariable("lat", "f8", ("lat",))
        la.units = "degrees_north"
        la[:] = 43.0 + 0.05 * np.arange(ny)
        lo = f.createVariable("lon", "f8", ("lon",))
        lo.units = "degrees_east"
        lo[:] = 7.0 + 0.05 * np.arange(nx)
        for vn, base in ((uname, U0), (vname, V0)):
            v = f.createVariable(vn, "f4", ("time", "lat", "lon"))
            v.units = "m s-1"
            vals = np.array([u_of_t(k) if (u_of_t and vn == uname) else base for k in range(len(times))])
            v[:] = np.broadcast_to(vals[:, None, None], (len(times), ny, nx)).astype(np.float32)


def broken():
    simple("no_velocity.nc", "NETCDF4", "days since 2020-01-01", None, [0, 1], uname="thetao",
           vname="so")
    with Dataset(path("one_component.nc"), "w") as f:
        f.createDimension("time", 2)
        f.createDimension("lat", 4)
        f.createDimension("lon", 4)
        t = f.createVariable("time", "f8", ("time",))
        t.units = "days since 2020-01-01"
        t[:] = [0, 1]
        f.createVariable("lat", "f8", ("lat",))[:] = np.arange(4.0)
        f.variables["lat"].units = "degrees_north"
        f.createVariable("lon", "f8", ("lon",))[:] = np.arange(4.0)
        f.variables["lon"].units = "degrees_east"
        v = f.createVariable("uo", "f4", ("time", "lat", "lon"))
        v.standard_name = "eastward_sea_water_velocity"
        v[:] = 0.1
    simple("grid_a.nc", "NETCDF4", "days since 2020-01-01", None, [0, 1])
    simple("grid_b.nc", "NETCDF4", "days since 2020-01-01", None, [2, 3], nx=40)
    simple("non_monotonic.nc", "NETCDF4", "days since 2020-01-01", None, [0, 2, 1])
    with Dataset(path("all_nan.nc"), "w") as f:
        f.createDimension("time", 2)
        f.createDimension("lat", 20)
        f.createDimension("lon", 20)
        t = f.createVariable("time", "f8", ("time",))
        t.units = "days since 2020-01-01"
        t[:] = [0, 1]
        f.createVariable("lat", "f8", ("lat",))[:] = 40 + 0.1 * np.arange(20.0)
        f.variables["lat"].units = "degrees_north"
        f.createVariable("lon", "f8", ("lon",))[:] = 3 + 0.1 * np.arange(20.0)
        f.variables["lon"].units = "degrees_east"
        for n in ("uo", "vo"):
            f.createVariable(n, "f4", ("time", "lat", "lon"))[:] = np.nan
    zarr = path("parcels_output.zarr")
    os.makedirs(zarr, exist_ok=True)
    with open(os.path.join(zarr, ".zgroup"), "w") as z:
        z.write('{"zarr_format": 2}')
    with open(path("cmems_med.nc"), "rb") as src:
        data = src.read()
    with open(path("truncated.nc"), "wb") as dst:
        dst.write(data[: len(data) // 3])


def trajectory_positions(n, lon0, lat0, hours, speed_deg_day=0.1):
    """Particle k starts at lon0 + 0.001 (k % 10), lat0 + 0.001 (k // 10) and drifts east."""
    k = np.arange(n)
    lon = lon0 + 0.001 * (k % 10)
    lat = lat0 + 0.001 * (k // 10)
    t = np.asarray(hours) / 24.0
    return lon[:, None] + speed_deg_day * t[None, :], np.broadcast_to(lat[:, None], (n, len(t))).copy()


def opendrift():
    """OpenDrift: (trajectory, time), status with flag meanings; 2 releases of 100 particles at
    2022-01-08 00:00 (one near 4.51 E, one near 5.51 E, 42.81 N), drifting 0.1 deg/day east.
    Release A: particles 0..9 leave the domain ('outside') after 28 h. Release B: particles
    100..109 strand at 36 h and stay."""
    hours = np.arange(0, 73)
    la = trajectory_positions(100, 4.51, 42.81, hours)
    lb = trajectory_positions(100, 5.51, 42.81, hours)
    lon = np.concatenate([la[0], lb[0]])
    lat = np.concatenate([la[1], lb[1]])
    status = np.zeros(lon.shape, np.int32)
    lon_m = lon.copy()
    lat_m = lat.copy()
    # A: 0..9 deactivated (outside) at hour 28: last valid position there, masked after.
    status[0:10, 28] = 2
    lon_m[0:10, 29:] = np.nan
    lat_m[0:10, 29:] = np.nan
    # B: 100..109 stranded at hour 36: they stop there and are masked after.
    lon_m[100:110, 36] = lon[100:110, 36]
    status[100:110, 36] = 1
    lon_m[100:110, 37:] = np.nan
    lat_m[100:110, 37:] = np.nan
    with Dataset(path("opendrift.nc"), "w", format="NETCDF4") as f:
        f.Conventions = "CF-1.6"
        f.featureType = "trajectory"
        f.opendrift_version = "1.10.7"
        f.createDimension("trajectory", lon.shape[0])
        f.createDimension("time", None)
        tr = f.createVariable("trajectory", "i4", ("trajectory",))
        tr.cf_role = "trajectory_id"
        tr[:] = np.arange(1, lon.shape[0] + 1)
        t = f.createVariable("time", "f8", ("time",))
        t.units = "seconds since 1970-01-01 00:00:00"
        t.standard_name = "time"
        t[:] = (19000 * 24 + hours) * 3600.0
        st = f.createVariable("status", "i4", ("trajectory", "time"), fill_value=-2147483647)
        st.flag_values = np.array([0, 1, 2], np.int32)
        st.flag_meanings = "active stranded outside"
        st[:] = status
        for name, arr, units, sn in (("lon", lon_m, "degrees_east", "longitude"),
                                     ("lat", lat_m, "degrees_north", "latitude")):
            v = f.createVariable(name, "f4", ("trajectory", "time"), fill_value=np.float32(9.96921e36))
            v.units = units
            v.standard_name = sn
            v[:] = np.ma.masked_invalid(arr)


def parcels():
    """OceanParcels NetCDF output: (traj, obs), 2-D time with NaN padding. Release A: 50
    particles at 2022-01-08 00:00 near 4.51 E; release B: 50 particles one day later near the
    same place; 6-hourly observations over 3 days from each start; B's particles 0..4 are
    deleted (NaN) after 30 h."""
    obs = 13
    hours = 6 * np.arange(obs)
    la = trajectory_positions(50, 4.51, 42.81, hours)
    lb = trajectory_positions(50, 4.51, 42.81, hours)
    lon = np.concatenate([la[0], lb[0]])
    lat = np.concatenate([la[1], lb[1]])
    time = np.concatenate([np.broadcast_to(hours * 3600.0, (50, obs)),
                           np.broadcast_to(86400 + hours * 3600.0, (50, obs))])
    lon[50:55, 6:] = np.nan
    lat[50:55, 6:] = np.nan
    time = time.copy()
    time[50:55, 6:] = np.nan
    with Dataset(path("parcels.nc"), "w", format="NETCDF4") as f:
        f.feature_type = "trajectory"
        f.Conventions = "CF-1.6/CF-1.7"
        f.ncei_template_version = "NCEI_NetCDF_Trajectory_Template_v2.0"
        f.parcels_version = "2.3.0"
        f.createDimension("traj", lon.shape[0])
        f.createDimension("obs", obs)
        tr = f.createVariable("trajectory", "i8", ("traj", "obs"), fill_value=-2**63)
        tr.cf_role = "trajectory_id"
        tr[:] = np.broadcast_to(np.arange(lon.shape[0])[:, None], (lon.shape[0], obs))
        t = f.createVariable("time", "f8", ("traj", "obs"), fill_value=np.nan)
        t.units = "seconds since 2022-01-08T00:00:00.000000000"
        t.calendar = "standard"
        t.time_origin = "2022-01-08T00:00:00.000000000"
        t[:] = time
        for name, arr, units, sn in (("lon", lon, "degrees_east", "longitude"),
                                     ("lat", lat, "degrees_north", "latitude")):
            v = f.createVariable(name, "f4", ("traj", "obs"), fill_value=np.nan)
            v.units = units
            v.standard_name = sn
            v[:] = arr
        z = f.createVariable("z", "f4", ("traj", "obs"), fill_value=np.nan)
        z.units = "m"
        z[:] = 0.0


def uncertaindrift():
    """UncertainDrift's density-map files: density_map(ensemble_id, obs, lat, lon), time(obs),
    on the CMEMS MED fixture's grid: ensemble e has all its mass in one cell that moves east by
    one cell a day (e = 0: row 10, e = 1: row 20), and loses 10 % a day."""
    nx, ny, nobs = 48, 32, 4
    with Dataset(path("uncertaindrift_maps.nc"), "w", format="NETCDF4") as f:
        f.createDimension("ensemble_id", 2)
        f.createDimension("obs", nobs)
        f.createDimension("lat", ny)
        f.createDimension("lon", nx)
        t = f.createVariable("time", "f8", ("obs",))
        t.units = "days since 2022-01-09"
        t[:] = np.arange(nobs)
        f.createVariable("lat", "f8", ("lat",))[:] = 42.0 + (np.arange(ny) + 0.5) / 24.0
        f.createVariable("lon", "f8", ("lon",))[:] = 4.0 + (np.arange(nx) + 0.5) / 24.0
        dm = np.zeros((2, nobs, ny, nx), np.float32)
        for e, row in ((0, 10), (1, 20)):
            for d in range(nobs):
                dm[e, d, row, 20 + d] = 0.9 ** d
        v = f.createVariable("density_map", "f4", ("ensemble_id", "obs", "lat", "lon"))
        v[:] = dm


cmems_med()
cmems_glo()
hycom()
nemo()
roms()
roms_polar()
# NetCDF-3 classic, names u/v without standard names, days since 2010.
simple("classic.nc", "NETCDF3_CLASSIC", "days since 2010-01-01 00:00:00", None,
       np.arange(5.0))
# noleap calendar across the end of February 2004 (a leap year in the Gregorian calendar).
simple("noleap.nc", "NETCDF4", "days since 2004-02-26", "noleap", np.arange(5.0))
# Hourly: u rises through each day (0, 0.01, ..., 0.23 m/s), so the daily mean is 0.115.
simple("hourly.nc", "NETCDF4", "hours since 2020-06-01 00:00:00", "standard",
       np.arange(72.0), u_of_t=lambda k: 0.01 * (k % 24))
opendrift()
parcels()
uncertaindrift()
# Two files of one run, overlapping by a day (2020-01-03 in both).
simple("part1.nc", "NETCDF4", "days since 2020-01-01", None, [0.0, 1.0, 2.0])
simple("part2.nc", "NETCDF4", "days since 2020-01-01", None, [2.0, 3.0, 4.0])
broken()
print("fixtures written to", out)
