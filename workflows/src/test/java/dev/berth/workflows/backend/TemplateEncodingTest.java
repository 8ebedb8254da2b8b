package dev.berth.workflows.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.TemplateCases.Case;
import dev.berth.workflows.backend.TemplateEncoding.AddedField;
import dev.berth.workflows.model.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Version 1 of the template encoding gives the digests Berth's first releases gave (a record's
 * {@code toString()}, at commit bb62f7b): were one to differ, upgrading Berth would rename, and so
 * replace, every running group of that shape.
 */
class TemplateEncodingTest {

  /**
   * SHA-256 of each case's text as the code before {@link TemplateEncoding} computed it (printed by
   * that code, not by this one); the template is the first 8 hex digits.
   */
  static final Map<String, String> GOLDEN = golden();

  private static Map<String, String> golden() {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("basic", "ae6d806f4fd6baf6e56b3877a0920c9c03b72f38912a65b6abb3ea16910cdac8");
    g.put("no-ports", "9ba5cb55349af208a62108247bf22f383e5896569170d4285a326d18ed41b6df");
    g.put("many-ports", "f35b6b61b51c8c973cc8a9b157773c8d0e75933a14ff3f93bc3ef12f220df590");
    g.put("replicas-ignored", "ae6d806f4fd6baf6e56b3877a0920c9c03b72f38912a65b6abb3ea16910cdac8");
    g.put("digest-image", "b3203f07064a5165b7d654104340f3bb10c05bb9a06b2efe6fd29b038f426e12");
    g.put("gpu", "6c335749a50268422addb14c2c7613758f4c6e7fbcfcfa216cfd5f43ec445791");
    g.put("gpu-k80-one", "c4e112783a2586f82a2d2edc3bc515a019f4d3b8a47971289d208c2bf08e0211");
    g.put("command", "03bf1c8b2629d7245ef2d285e3f5357e414cc71e2c8fe2d5ce223cf948c4726b");
    g.put("public-dns", "be0b848381a6abb88f4760e8b9696bd45ffff73b3f48992a772e8bdaa374b3bf");
    g.put("public-no-dns", "7fc1c6fcc10432af3d9a01819614e3daabf175df28d5384543af36f885c4e49e");
    g.put("env", "de9e44e42003be7b719d88588ed6070a8d388f44bee6c30bb937d3d51b6806a0");
    g.put("secrets", "6549c237848d34950cc18ac0f25db16bbe81a523a911172280184a18c39f5468");
    g.put("probe-http", "7308a1f57e15c4b1b02f097a836140e81471cf83789aef7abbfaa41e4bc5fc15");
    g.put("probe-http-no-path", "9b2828ca5dde120b7d2ca041c88c47671e131ebab71372beb8967842ac734c2d");
    g.put("probe-tcp", "2587170471f99f2d575a33f29721539f6a05e88877769d47a6e07e43dc26b7cb");
    g.put("probe-exec", "7dfe58f71858f26608ecb148865a57fee721abe48da8c483430359fc08e11411");
    g.put("sidecar", "58e98f8a53f390bef46a6dafd5f03f890b25130125d1994e97690a07a4f68265");
    g.put("sidecars", "cc8b9f01aa1a76e4193b525a225547870ee1826b55a8a3578b2f1d8f691ab35a");
    g.put(
        "placement-rules-ignored",
        "ae6d806f4fd6baf6e56b3877a0920c9c03b72f38912a65b6abb3ea16910cdac8");
    g.put("discovery-one", "74e4427a6e2cad1fbe04c7cb788ce27e5d3468e91f11b9aa5f02183201ee9ab9");
    g.put(
        "discovery-empty-value",
        "3eb95473194929349bcac026e23dfecff44d55831764c5f6fb407a2241782408");
    g.put("discovery-two", "e5724116f288e6029a7f153a36bb7a5c869cba6f8a1f21154f91669879b427bc");
    g.put("everything", "878444f7140943cb680bc44daae5cf564f45f160db7ae87c43bb138c10a473cd");
    return g;
  }

  @Test
  void versionOneDigestsEveryCaseAsTheFirstReleasesDid() {
    Map<String, Case> cases = TemplateCases.all();
    assertThat(cases.keySet()).containsExactlyElementsOf(GOLDEN.keySet());
    Map<String, String> digests = new LinkedHashMap<>();
    cases.forEach(
        (name, c) ->
            digests.put(
                name, GroupNames.digest(TemplateEncoding.V1.text(c.service(), c.discovery()))));
    assertThat(digests).containsExactlyEntriesOf(GOLDEN);
    cases.forEach(
        (name, c) ->
            assertThat(GroupNames.template(c.service(), c.discovery()))
                .as(name)
                .isEqualTo(GOLDEN.get(name).substring(0, GroupNames.TEMPLATE_LENGTH)));
  }

  @Test
  void versionOneTextIsTheFirstReleasesRecordText() {
    Case everything = TemplateCases.all().get("everything");
    assertThat(TemplateEncoding.V1.text(everything.service(), everything.discovery()))
        .isEqualTo(
            "ServiceSpec[name=web, image=ghcr.io/acme/web:1.4.2, replicas=0, cpu=1.0, memoryGb=1.5, gpu=Gpu[count=1, sku=P100],"
                + " command=[/bin/web, --port=80], ports=[80], publicIp=true, dnsLabel=shop-web, env={LOG_LEVEL=info},"
                + " secretEnv={DB_PASSWORD=env:SHOP_DB_PASSWORD}, health=HealthProbe[kind=HTTP, path=/healthz, port=80, command=[],"
                + " initialDelaySeconds=5, periodSeconds=10, failureThreshold=3], spread=NONE, colocate=[], avoid=[], autoscale=null,"
                + " upgrade=UpgradePolicy[maxSurge=1, maxUnavailable=0, healthTimeoutSeconds=120, rollback=AUTO], dependsOn=[],"
                + " sidecars=[Sidecar[name=log-shipper, image=fluent/fluent-bit:3.0, cpu=0.1, memoryGb=0.2, command=[], env={}]]]"
                + "\n{CACHE_ADDRS=10.0.0.4:6379}");
  }

  @Test
  void whatNeverForcesANewGroupLeavesTheDigestAlone() {
    ServiceSpec web = TemplateCases.all().get("basic").service();
    String t = GroupNames.template(web);
    assertThat(GroupNames.template(web.withReplicas(40))).isEqualTo(t);
    assertThat(GroupNames.template(TemplateCases.all().get("placement-rules-ignored").service()))
        .isEqualTo(t);
    assertThat(GroupNames.template(web.withImage("ghcr.io/acme/web:1.5.0"))).isNotEqualTo(t);
  }

  /**
   * The rule for the model's next field, shown on this test's own copy of the encoding: a field
   * written only when set leaves every existing digest as it was, and changes the digest of a
   * service that sets it.
   */
  @Test
  void anOptionalFieldAddedLaterChangesNoExistingDigest() {
    Map<String, String> livenessByService = new TreeMap<>();
    TemplateEncoding next =
        TemplateEncoding.V1.with(
            new AddedField("liveness", s -> Optional.ofNullable(livenessByService.get(s.name()))));
    assertThat(next.version()).isEqualTo(2);
    TemplateCases.all()
        .forEach(
            (name, c) ->
                assertThat(next.template(c.service(), c.discovery()))
                    .as(name)
                    .isEqualTo(GOLDEN.get(name).substring(0, GroupNames.TEMPLATE_LENGTH)));

    livenessByService.put("web", "http /livez:80");
    Case basic = TemplateCases.all().get("basic");
    assertThat(next.text(basic.service(), basic.discovery()))
        .endsWith("]\nliveness=http /livez:80");
    assertThat(next.template(basic.service(), basic.discovery()))
        .isNotEqualTo(GroupNames.template(basic.service()));
    Case cache = TemplateCases.all().get("no-ports");
    assertThat(next.template(cache.service(), cache.discovery()))
        .as("a service that does not set it")
        .isEqualTo(GOLDEN.get("no-ports").substring(0, GroupNames.TEMPLATE_LENGTH));
  }
}
