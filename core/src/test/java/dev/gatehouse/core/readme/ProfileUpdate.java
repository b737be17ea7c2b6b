package dev.gatehouse.core.readme;

import dev.gatehouse.core.SafeText;
import jakarta.validation.constraints.NotBlank;

// readme:safe-text
public record ProfileUpdate(
    @NotBlank @SafeText(max = 100) String displayName,
    @SafeText(max = 2000, multiline = true, allowMarkup = true, allowJoiners = true) String bio) {
}
// readme:end
