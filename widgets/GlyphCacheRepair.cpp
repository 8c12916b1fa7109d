#include "GlyphCacheRepair.h"

#include <vtkFreeTypeTools.h>

#include <ft2build.h>
#include FT_CACHE_H

namespace driftlab {

namespace {

// GetCacheManager() is protected: reached through a member pointer named in a subclass.
struct ToolsAccess : vtkFreeTypeTools {
    static FTC_Manager* cacheManager(vtkFreeTypeTools* tools) {
        return (tools->*(&ToolsAccess::GetCacheManager))();
    }
};

// The head of FreeType's FTC_ManagerRec (src/cache/ftcmanag.h, the same from 2.1 to 2.13).
struct ManagerHead {
    FT_Library library;
    FT_Memory memory;
    void* nodesList;
    FT_Offset maxWeight;
    FT_Offset curWeight;
    FT_UInt numNodes;
};

}  // namespace

bool repairVtkGlyphCache() {
    vtkFreeTypeTools* tools = vtkFreeTypeTools::GetInstance();
    if (!tools) return false;
    FTC_Manager* manager = ToolsAccess::cacheManager(tools);
    FT_Library* library = tools->GetLibrary();
    if (!manager || !*manager || !library || !*library) return false;
    auto* head = reinterpret_cast<ManagerHead*>(*manager);
    // Only a layout we know: the fields around the weight hold what VTK created it with.
    if (head->library != *library || head->maxWeight != tools->GetMaximumNumberOfBytes())
        return false;
    if (head->curWeight <= head->maxWeight) return false;  // plausible: leave it
    // Empty the cache (with a corrupt weight it holds next to nothing anyway): its true weight
    // is then zero.
    FTC_Manager_Reset(*manager);
    if (head->numNodes != 0 || head->nodesList != nullptr) return false;
    head->curWeight = 0;
    return true;
}

}  // namespace driftlab
