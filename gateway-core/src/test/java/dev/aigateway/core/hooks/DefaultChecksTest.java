package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.HookTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.hooks.checks.DefaultChecks;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.upstream.CalloutClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every default check that needs no network: pass, fail, {@code not}, bad parameters, with Portkey's explanations. */
class DefaultChecksTest {
    private final CalloutClient http = CalloutClient.create(CustomHostValidator.create(List.of()));
    private final Map<String, Check> checks = DefaultChecks.create(
            http, Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC), Runnable::run);

    @AfterEach
    void close() {
        http.close();
    }

    static CheckContext before(String type, String requestJson, String metadataJson) throws Exception {
        return CheckContext.before(
                type, "openai", (ObjectNode) Json.parse(q(metadataJson)), Headers.empty(), false, (ObjectNode)
                        Json.parse(q(requestJson)));
    }

    static CheckContext userSays(String text) throws Exception {
        return before("chatComplete", "{'model':'gpt-4o','messages':[{'role':'user','content':'" + text + "'}]}", "{}");
    }

    static CheckContext modelSays(String text) throws Exception {
        ObjectNode answer = (ObjectNode) Json.parse(q("{'choices':[{'message':{'role':'assistant','content':''}}]}"));
        ((ObjectNode) answer.path("choices").path(0).path("message")).put("content", text);
        return userSays("q").withAnswer(Optional.of(answer), 200);
    }

    private CheckOutcome run(String id, CheckContext context, String parameters) throws Exception {
        return checks.get("default." + id).run(context, (ObjectNode) Json.parse(q(parameters)));
    }

    private static String explanation(CheckOutcome outcome) {
        return outcome.data().path("explanation").asText();
    }

    @Test
    void all22DefaultChecksAreThere() {
        assertEquals(22, checks.size());
        assertEquals(dev.aigateway.core.config.HookParser.DEFAULT_CHECKS.size(), checks.size());
    }

    @Test
    void regexMatch() throws Exception {
        CheckOutcome pass = run("regexMatch", userSays("order 12345 please"), "{'rule':'(?<num>\\\\d+)'}");
        CheckOutcome not = run("regexMatch", userSays("order 12345"), "{'rule':'\\\\d+','not':true}");
        CheckOutcome bad = run("regexMatch", userSays("x"), "{'rule':'('}");

        assertTrue(pass.verdict());
        assertEquals("The regex pattern '(?<num>\\d+)' successfully matched the text.", explanation(pass));
        assertEquals(
                q("{'matchedText':'12345','index':6,'groups':{'num':'12345'},'captures':['12345']}"),
                pass.data().path("matchDetails").toString());
        assertFalse(not.verdict());
        assertEquals("The regex pattern '\\d+' matched the text when it should not have.", explanation(not));
        assertTrue(bad.error().isPresent());
        assertTrue(explanation(bad)
                .startsWith("An error occurred while processing the regex: Invalid regular expression: /(/"));
        assertEquals(
                "Missing regex pattern",
                run("regexMatch", userSays("x"), "{}").error().orElseThrow().message());
    }

    @Test
    void aRegexThatBacktracksForeverIsStoppedAsACheckError() throws Exception {
        CheckOutcome slow = run("regexMatch", userSays("a".repeat(60) + "!"), "{'rule':'(.*a){12}$'}");

        assertTrue(slow.error().isPresent());
        assertEquals(
                "the regular expression took too long on this text",
                slow.error().get().message());
    }

    @Test
    void sentenceCount() throws Exception {
        CheckOutcome pass = run("sentenceCount", userSays("One. Two! Three?"), "{'minSentences':1,'maxSentences':3}");
        CheckOutcome fail = run("sentenceCount", userSays("One. Two! Three?"), "{'maxSentences':2}");
        CheckOutcome not = run("sentenceCount", userSays("One."), "{'minSentences':1,'maxSentences':3,'not':true}");
        CheckOutcome bad = run("sentenceCount", userSays("One."), "{'minSentences':'one'}");

        assertTrue(pass.verdict());
        assertEquals("The sentence count (3) is within the specified range of 1 to 3.", explanation(pass));
        assertFalse(fail.verdict());
        assertEquals("The sentence count (3) is outside the specified range of 0 to 2.", explanation(fail));
        assertFalse(not.verdict());
        assertEquals(
                "The sentence count (1) is within the specified range of 1 to 3 when it should not be.",
                explanation(not));
        assertEquals("Missing sentence count range", bad.error().orElseThrow().message());
    }

    @Test
    void wordCount() throws Exception {
        CheckOutcome pass = run("wordCount", modelSays("  three  small words "), "{'minWords':1,'maxWords':3}");
        CheckOutcome fail = run("wordCount", modelSays("one two three four"), "{'maxWords':3}");
        CheckOutcome not = run("wordCount", modelSays("one two"), "{'maxWords':3,'not':true}");
        CheckOutcome bad = run("wordCount", modelSays("one"), "{'minWords':1.5}");
        CheckOutcome empty = run("wordCount", modelSays(""), "{}");

        assertTrue(pass.verdict());
        assertEquals("The text contains 3 words, which is within the specified range of 1-3 words.", explanation(pass));
        assertFalse(fail.verdict());
        assertFalse(not.verdict());
        assertEquals(
                "The text contains 2 words, which is within the specified range of 0-3 words when it should not be.",
                explanation(not));
        assertEquals(
                "Invalid or missing word count range", bad.error().orElseThrow().message());
        assertEquals("An error occurred while processing word count: Missing text to analyze", explanation(empty));
    }

    @Test
    void characterCount() throws Exception {
        CheckOutcome pass = run("characterCount", userSays("hello"), "{'minCharacters':5,'maxCharacters':5}");
        CheckOutcome fail = run("characterCount", userSays("hello"), "{'maxCharacters':4}");
        CheckOutcome not = run("characterCount", userSays("hello"), "{'maxCharacters':4,'not':true}");

        assertTrue(pass.verdict());
        assertEquals(
                "The text contains 5 characters, which is within the specified range of 5-5 characters.",
                explanation(pass));
        assertFalse(fail.verdict());
        assertTrue(not.verdict());
        assertEquals(
                "The text contains 5 characters, which is outside the specified range of 0-4 characters as expected.",
                explanation(not));
        assertTrue(run("characterCount", userSays("x"), "{'maxCharacters':'ten'}")
                .error()
                .isPresent());
    }

    @Test
    void contains() throws Exception {
        CheckOutcome any = run("contains", modelSays("I like Apple"), "{'words':['Apple','Pear']}");
        CheckOutcome all = run("contains", modelSays("I like Apple"), "{'words':['Apple','Pear'],'operator':'all'}");
        CheckOutcome none = run("contains", modelSays("I like Apple"), "{'words':['Apple'],'operator':'none'}");
        CheckOutcome bad = run("contains", modelSays("I like Apple"), "{'operator':'none'}");

        assertTrue(any.verdict());
        assertEquals("Check passed for 'any' words. At least one word was found.", explanation(any));
        assertFalse(all.verdict());
        assertEquals("Check failed for 'all' words. Some words were missing.", explanation(all));
        assertEquals(q("['Pear']"), all.data().path("missingWords").toString());
        assertFalse(none.verdict());
        assertEquals("An error occurred while processing the text.", explanation(bad));
        assertTrue(bad.error().isPresent());
    }

    @Test
    void jsonKeys() throws Exception {
        String text = "Here: ```json\\n{\\\"name\\\":\\\"a\\\",\\\"age\\\":3}\\n```";
        CheckOutcome all = run(
                "jsonKeys",
                modelSays(Json.parse(q("'" + text + "'")).asText()),
                "{'keys':['name','age'],'operator':'all'}");
        CheckOutcome none = run("jsonKeys", modelSays("{\"name\":1}"), "{'keys':['name'],'operator':'none'}");
        CheckOutcome noJson = run("jsonKeys", modelSays("no json"), "{'keys':['name']}");
        CheckOutcome bad = run("jsonKeys", modelSays("{}"), "{'keys':[]}");

        assertTrue(all.verdict());
        assertEquals("Successfully found all required keys. Found keys: [name, age].", explanation(all));
        assertFalse(none.verdict());
        assertEquals("Found some keys that should not be present. Found keys: [name].", explanation(none));
        assertEquals("No valid JSON found in the text.", explanation(noJson));
        assertEquals("Missing or invalid keys array", bad.error().orElseThrow().message());
    }

    @Test
    void jsonSchema() throws Exception {
        String schema =
                "{'schema':{'type':'object','required':['name'],'properties':{'name':{'type':'string','pattern':'^[a-z]+$'}}}";
        CheckOutcome pass = run("jsonSchema", modelSays("{\"name\":\"bob\"}"), schema + "}");
        CheckOutcome fail = run("jsonSchema", modelSays("{\"age\":3}"), schema + "}");
        CheckOutcome not = run("jsonSchema", modelSays("{\"name\":\"bob\"}"), schema + ",'not':true}");
        CheckOutcome noJson = run("jsonSchema", modelSays("plain"), schema + "}");
        CheckOutcome bad = run("jsonSchema", modelSays("{}"), "{'schema':'nope'}");

        assertTrue(pass.verdict());
        assertEquals("Successfully validated JSON against the provided schema.", explanation(pass));
        assertFalse(fail.verdict());
        assertEquals("Failed to validate JSON against the provided schema.", explanation(fail));
        assertEquals(1, fail.data().path("validationErrors").size());
        assertTrue(fail.data()
                .path("validationErrors")
                .path(0)
                .path("message")
                .asText()
                .contains("name"));
        assertFalse(not.verdict());
        assertEquals("No valid JSON found in the response.", explanation(noJson));
        assertEquals("Missing or invalid JSON schema", bad.error().orElseThrow().message());
    }

    @Test
    void jsonSchemaNeverFetchesARemoteRef() throws Exception {
        CheckOutcome remote =
                run("jsonSchema", modelSays("{\"a\":1}"), "{'schema':{'$ref':'http://169.254.169.254/schema.json'}}");

        assertFalse(remote.verdict());
        assertEquals(
                "Resolution of $ref [http://169.254.169.254/schema.json] failed",
                remote.data().path("validationErrors").path(0).path("message").asText());
    }

    @Test
    void containsCode() throws Exception {
        String text = Json.parse(q("'Try:\\n```py\\nprint(1)\\n```'")).asText();
        CheckOutcome pass = run("containsCode", modelSays(text), "{'format':'Python'}");
        CheckOutcome fail = run("containsCode", modelSays(text), "{'format':'SQL'}");
        CheckOutcome not = run("containsCode", modelSays(text), "{'format':'SQL','not':true}");
        CheckOutcome none = run("containsCode", modelSays("no code"), "{'format':'SQL','not':true}");

        assertTrue(pass.verdict());
        assertEquals("Found code block(s) in Python format", explanation(pass));
        assertFalse(fail.verdict());
        assertTrue(not.verdict());
        assertEquals("No code blocks in SQL format found as expected", explanation(not));
        assertTrue(none.verdict());
        assertEquals("No code blocks found in the text", explanation(none));
        assertEquals(
                "Missing required parameter: format",
                run("containsCode", modelSays("x"), "{}").error().orElseThrow().message());
    }

    @Test
    void letterCase() throws Exception {
        assertTrue(run("alluppercase", userSays("HELLO 123!"), "{}").verdict());
        CheckOutcome lower = run("alluppercase", userSays("Hello"), "{}");
        assertFalse(lower.verdict());
        assertEquals("The text contains lowercase characters.", explanation(lower));
        assertTrue(run("alllowercase", userSays("hello"), "{}").verdict());
        CheckOutcome not = run("alllowercase", userSays("hello"), "{'not':true}");
        assertFalse(not.verdict());
        assertEquals("All alphabetic characters in the text are lowercase when they should not be.", explanation(not));
        assertEquals(
                "Missing text to analyze",
                run("alllowercase", userSays(""), "{}").error().orElseThrow().message());
    }

    @Test
    void endsWith() throws Exception {
        CheckOutcome period = run("endsWith", modelSays("That is all. Thanks."), "{'suffix':'Thanks'}");
        CheckOutcome fail = run("endsWith", modelSays("That is all"), "{'suffix':'Thanks'}");
        CheckOutcome not = run("endsWith", modelSays("That is all"), "{'suffix':'Thanks','not':true}");

        assertTrue(period.verdict());
        assertEquals("The text ends with \"Thanks\" (including trailing period).", explanation(period));
        assertFalse(fail.verdict());
        assertTrue(not.verdict());
        assertEquals(
                "Missing or empty suffix",
                run("endsWith", modelSays("x"), "{}").error().orElseThrow().message());
    }

    @Test
    void modelWhitelist() throws Exception {
        CheckOutcome pass = run("modelWhitelist", userSays("x"), "{'models':['gpt-4o']}");
        CheckOutcome fail = run("modelWhitelist", userSays("x"), "{'models':['o3']}");
        CheckOutcome not = run("modelWhitelist", userSays("x"), "{'models':['gpt-4o'],'not':true}");

        assertTrue(pass.verdict());
        assertEquals("Model \"gpt-4o\" is allowed.", explanation(pass));
        assertEquals("Model \"gpt-4o\" is not in the allowed list.", explanation(fail));
        assertFalse(not.verdict());
        assertEquals(
                "Missing or invalid model whitelist",
                run("modelWhitelist", userSays("x"), "{}").error().orElseThrow().message());
    }

    @Test
    void modelRules() throws Exception {
        String rules = "{'rules':{'defaults':['o3'],'metadata':{'tier':{'gold':['gpt-4o']}}}";
        CheckContext gold = before("chatComplete", "{'model':'gpt-4o','messages':[]}", "{'tier':'gold'}");
        CheckContext plain = before("chatComplete", "{'model':'gpt-4o','messages':[]}", "{}");

        CheckOutcome matched = run("modelRules", gold, rules + "}");
        CheckOutcome defaults = run("modelRules", plain, rules + "}");
        CheckOutcome not = run("modelRules", plain, rules + ",'not':true}");

        assertTrue(matched.verdict());
        assertEquals("Model \"gpt-4o\" is allowed by rules. (matched rules: tier:gold)", explanation(matched));
        assertFalse(defaults.verdict());
        assertEquals("Model \"gpt-4o\" is not allowed by rules.", explanation(defaults));
        assertTrue(not.verdict());
        assertEquals(
                "Missing rules configuration",
                run("modelRules", plain, "{}").error().orElseThrow().message());
    }

    @Test
    void requiredMetadataKeys() throws Exception {
        CheckContext withTeam = before("chatComplete", "{'messages':[]}", "{'team':'a'}");
        CheckOutcome all = run("requiredMetadataKeys", withTeam, "{'metadataKeys':['team','user']}");
        CheckOutcome any = run("requiredMetadataKeys", withTeam, "{'metadataKeys':['team','user'],'operator':'any'}");
        CheckOutcome bad = run("requiredMetadataKeys", withTeam, "{'metadataKeys':[]}");

        assertFalse(all.verdict());
        assertEquals("Check failed for 'all' metadata keys. Some metadata keys were missing.", explanation(all));
        assertTrue(any.verdict());
        assertTrue(bad.verdict(), "as in Portkey, a bad parameter passes with an error");
        assertEquals(
                q("{'message':'metadataKeys must be an array and not empty'}"),
                bad.error().orElseThrow().toJson().toString());
    }

    @Test
    void allowedRequestTypes() throws Exception {
        CheckOutcome allowed = run("allowedRequestTypes", userSays("x"), "{'allowedTypes':['chatComplete','embed']}");
        CheckOutcome blocked = run("allowedRequestTypes", userSays("x"), "{'blockedTypes':'chatComplete, complete'}");
        CheckOutcome open = run("allowedRequestTypes", userSays("x"), "{}");
        CheckOutcome conflict =
                run("allowedRequestTypes", userSays("x"), "{'allowedTypes':['embed'],'blockedTypes':['embed']}");

        assertTrue(allowed.verdict());
        assertEquals("allowlist", allowed.data().path("mode").asText());
        assertFalse(blocked.verdict());
        assertEquals("Request type \"chatComplete\" is blocked.", explanation(blocked));
        assertTrue(open.verdict());
        assertEquals(q("['all']"), open.data().path("allowedTypes").toString());
        assertTrue(conflict.error().isPresent());
    }

    @Test
    void notNull() throws Exception {
        assertTrue(run("notNull", modelSays("hi"), "{}").verdict());
        CheckOutcome empty = run("notNull", modelSays("  "), "{}");
        assertFalse(empty.verdict());
        assertEquals("Content is null, undefined, or empty.", explanation(empty));
        assertTrue(run("notNull", modelSays(""), "{'not':true}").verdict());
    }

    @Test
    void regexReplaceRewritesTheLastMessageOrTheAnswer() throws Exception {
        CheckOutcome request = run(
                "regexReplace",
                userSays("mail a@b.co or c@d.co"),
                "{'rule':'/\\\\S+@\\\\S+/g','redactText':'[EMAIL]'}");
        CheckOutcome first = run("regexReplace", userSays("mail a@b.co or c@d.co"), "{'rule':'\\\\S+@\\\\S+'}");
        CheckOutcome answer = run("regexReplace", modelSays("call 555"), "{'rule':'\\\\d+','failOnDetection':true}");
        CheckOutcome none = run("regexReplace", modelSays("nothing"), "{'rule':'\\\\d+'}");

        assertEquals(
                "mail [EMAIL] or [EMAIL]",
                request.request()
                        .orElseThrow()
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText());
        assertEquals(
                "mail [REDACTED] or c@d.co",
                first.request()
                        .orElseThrow()
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText());
        assertTrue(request.transformed());
        assertFalse(answer.verdict(), "failOnDetection fails on a match");
        assertEquals(
                "call [REDACTED]",
                answer.response()
                        .orElseThrow()
                        .path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText());
        assertFalse(none.transformed());
        assertEquals("The regex pattern '\\d+' did not match any text.", explanation(none));
    }

    @Test
    void addPrefix() throws Exception {
        CheckOutcome last = run("addPrefix", userSays("question"), "{'prefix':'Be brief. '}");
        CheckOutcome system =
                run("addPrefix", userSays("question"), "{'prefix':'You are terse.','applyToRole':'system'}");
        CheckOutcome completion = run("addPrefix", before("complete", "{'prompt':'Once'}", "{}"), "{}");
        CheckOutcome after = run("addPrefix", modelSays("x"), "{'prefix':'p'}");

        assertEquals(
                "Be brief. question",
                last.request()
                        .orElseThrow()
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText());
        JsonNode messages = system.request().orElseThrow().path("messages");
        assertEquals(
                q("{'role':'system','content':'You are terse.'}"),
                messages.path(0).toString());
        assertEquals(
                AddPrefixDefaults.PREFIX + "Once",
                completion.request().orElseThrow().path("prompt").asText());
        assertTrue(after.request().isEmpty());
        assertFalse(after.transformed());
    }

    /** The manifest's default prefix, as the check uses it. */
    static final class AddPrefixDefaults {
        static final String PREFIX = "Please respond helpfully and accurately to the following: ";
    }
}
