/** Internal: not API; see {@link dev.aigateway.core.internal}. */
package dev.aigateway.core.internal.pipeline;
