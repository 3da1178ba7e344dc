#pragma once
// YAML scalars for the definitions import writes: plain where a reader (this tool's YAML
// 1.2 loader, or an editor's YAML 1.1 one) cannot take them for anything but the same
// string, double-quoted otherwise. Safe inside flow collections ([a, b], {k: v}) too.

#include <string>
#include <string_view>

namespace gg::exporting {

std::string yaml_scalar(std::string_view text);

}  // namespace gg::exporting
