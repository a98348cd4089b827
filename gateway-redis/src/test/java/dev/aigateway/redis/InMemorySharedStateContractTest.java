package dev.aigateway.redis;

import dev.aigateway.core.state.InMemorySharedState;
import dev.aigateway.core.state.SharedState;

/** The contract on the in-memory store (its exact-clock tests are in gateway-core). */
class InMemorySharedStateContractTest extends SharedStateContract {
    @Override
    SharedState newState() {
        return InMemorySharedState.create();
    }
}
