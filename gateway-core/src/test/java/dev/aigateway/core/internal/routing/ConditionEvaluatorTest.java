package dev.aigateway.core.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionEvaluatorTest {
    private static final String CONTEXT = "{\"metadata\":{\"tier\":\"pro\",\"n\":\"12\",\"user\":{\"id\":7}},"
            + "\"params\":{\"model\":\"gpt-4o\",\"max_tokens\":300,\"temperature\":0.5},\"url\":{\"pathname\":\"/v1/chat/completions\"}}";

    private final ConditionEvaluator evaluator = new ConditionEvaluator();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{'metadata.tier':'pro'}|true",
                "{'metadata.tier':'free'}|false",
                "{'metadata.tier':{'$eq':'pro'}}|true",
                "{'metadata.tier':{'$ne':'pro'}}|false",
                "{'metadata.missing':{'$ne':'pro'}}|true",
                "{'metadata.missing':{'$eq':'pro'}}|false",
                "{'params.max_tokens':{'$gt':299}}|true",
                "{'params.max_tokens':{'$gt':300}}|false",
                "{'params.max_tokens':{'$gte':300}}|true",
                "{'params.max_tokens':{'$lt':'301'}}|true",
                "{'params.max_tokens':{'$lte':299.5}}|false",
                "{'metadata.n':{'$gt':11}}|true",
                "{'metadata.tier':{'$gt':1}}|false",
                "{'params.temperature':{'$eq':0.50}}|true",
                "{'params.model':{'$in':['gpt-4o','o1']}}|true",
                "{'params.model':{'$nin':['gpt-4o','o1']}}|false",
                "{'params.model':{'$regex':'^gpt-'}}|true",
                "{'params.model':{'$regex':'['}}|false",
                "{'params.model':{'$regex':'^gpt','$eq':'other'}}|false",
                "{'metadata.user.id':7}|true",
                "{'$and':[{'metadata.tier':'pro'},{'params.model':'gpt-4o'}]}|true",
                "{'$and':[{'metadata.tier':'pro'},{'params.model':'x'}]}|false",
                "{'$or':[{'metadata.tier':'x'},{'params.model':'gpt-4o'}]}|true",
                "{'$or':[{'metadata.tier':'x'}],'params.model':'gpt-4o'}|false",
                "{'url.pathname':'/v1/chat/completions'}|true",
            })
    void evaluates(String query, boolean expected) throws Exception {
        ObjectNode context = (ObjectNode) Json.parse(CONTEXT);
        assertEquals(expected, evaluator.matches(Json.parse(query.replace('\'', '"')), context));
    }
}
