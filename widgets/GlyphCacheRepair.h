#pragma once
// Works around a FreeType bug that turns VTK's glyph cache off (see docs/performance.md,
// "The explorer"): Debian 12's FreeType 2.12 allocates the cache manager without zeroing it and
// never sets its running weight, so in a process whose heap has been used the cache starts
// "over budget" by a stale pointer's worth of bytes and evicts every glyph right after loading
// it. VTK then loads and rasterises each glyph again on every text layout (the colour bar's
// labels, the caption): the biggest single cost of switching samples. VTK-free header.

namespace driftlab {

// Sets the weight of VTK's (empty) FreeType cache to zero where it is corrupt. Checks the
// fields around it against what VTK asked for first and does nothing with a layout it does not
// recognise. Returns true if it repaired the weight. Call once, before text is drawn; calling
// again is harmless.
bool repairVtkGlyphCache();

}  // namespace driftlab
