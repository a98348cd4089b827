package dev.aigateway.core.internal.routing;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.pipeline.GatedTarget;
import dev.aigateway.core.pipeline.TargetGate;
import java.util.ArrayList;
import java.util.List;

/** The passes of several gates as one: allowed when every gate allows; each hears the answer. */
final class GatePasses implements TargetGate.Pass {
    private final List<TargetGate.Pass> passes;
    private final boolean allowed;

    private GatePasses(List<TargetGate.Pass> passes) {
        this.passes = passes;
        this.allowed = passes.stream().allMatch(TargetGate.Pass::allowed);
    }

    static TargetGate.Pass all(List<TargetGate> gates, GatedTarget target) {
        List<TargetGate.Pass> passes = new ArrayList<>(gates.size());
        for (TargetGate gate : gates) {
            passes.add(gate.admit(target));
        }
        return new GatePasses(passes);
    }

    @Override
    public boolean allowed() {
        return allowed;
    }

    @Override
    public GatewayResponse answered(GatewayResponse answer) {
        GatewayResponse passed = answer;
        for (TargetGate.Pass pass : passes) {
            passed = pass.answered(passed);
        }
        return passed;
    }
}
