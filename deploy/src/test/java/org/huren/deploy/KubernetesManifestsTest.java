package org.huren.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/k8s read into the Kubernetes model (strictly: {@link Manifests}) and checked for what the README promises
 * of it: two nodes, probes on Spring Boot's probe groups, a disruption budget, credentials from Secrets only, TLS and
 * forwarded headers at the ingress, PostgreSQL from CloudNativePG or an external server.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path APPLICATION_YML = Path.of("../api/src/main/resources/application.yml");

    private final List<HasMetadata> objects = Manifests.objects(K8S);

    @Test
    void everyDocumentIsAKnownKindWithOnlyFieldsOfItsSchema() {
        for (Path file : Manifests.yamlFiles(K8S)) {
            for (JsonNode document : Manifests.documents(file)) {
                String kind = Manifests.kindOf(document);
                if (kind.startsWith("postgresql.cnpg.io/")) {
                    assertThat(kind).as(file.toString()).isEqualTo("postgresql.cnpg.io/v1/Cluster");
                    Manifests.typed(document, CloudNativePgCluster.class);
                } else {
                    assertThat(Manifests.KINDS).as(file + ": a kind the test knows").containsKey(kind);
                    HasMetadata object = Manifests.typed(document, Manifests.KINDS.get(kind));
                    assertThat(object.getMetadata().getName()).as(file + ": metadata.name").isNotBlank();
                    assertThat(object.getMetadata().getNamespace()).as(file + ": namespace comes from kustomization.yaml")
                            .isNull();
                }
            }
        }
    }

    @Test
    void aMisspeltFieldOrAStringForANumberIsRefused() {
        JsonNode misspelt = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe: {httpGet: {path: /, port: 8080}}
                """);
        assertThatThrownBy(() -> Manifests.typed(misspelt, Deployment.class)).hasMessageContaining("readinesProbe");
        JsonNode quoted = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec: {replicas: "2"}
                """);
        assertThatThrownBy(() -> Manifests.typed(quoted, Deployment.class)).hasMessageContaining("replicas");
    }

    @Test
    void kustomizationListsEveryManifestAndNamesTheImage() {
        JsonNode kustomization = Manifests.documents(K8S.resolve("kustomization.yaml")).get(0);
        Set<String> listed = new HashSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = Manifests.yamlFiles(K8S).stream().map(f -> f.getFileName().toString())
                .collect(Collectors.toSet());
        assertThat(listed).isEqualTo(files);
        assertThat(kustomization.path("namespace").asText()).isEqualTo("huren");
        assertThat(kustomization.path("images").get(0).path("name").asText())
                .isEqualTo(huren().getImage());
    }

    @Test
    void twoNodesRolledOneAtATimeAndNeverBothEvicted() {
        Deployment deployment = one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

        PodDisruptionBudget budget = one(PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntVal())
                .isBetween(1, deployment.getSpec().getReplicas() - 1);
    }

    @Test
    void probesUseSpringBootsProbeGroupsWhichAreAlwaysOn() throws Exception {
        JsonNode settings = Manifests.YAML.readTree(Files.readString(APPLICATION_YML));
        assertThat(settings.at("/management/endpoint/health/probes/enabled").asBoolean())
                .as("management.endpoint.health.probes.enabled in application.yml: the groups exist outside Kubernetes "
                        + "too (compose, a plain host)").isTrue();
        Container huren = huren();
        assertThat(path(huren.getStartupProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(path(huren.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(path(huren.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
        for (Probe probe : List.of(huren.getStartupProbe(), huren.getLivenessProbe(), huren.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        }
        assertThat(huren.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
    }

    @Test
    void resourcesAreRequestedAndMemoryIsLimited() {
        var resources = huren().getResources();
        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsKey("memory");
        assertThat(Quantity.getAmountInBytes(resources.getLimits().get("memory")))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(resources.getRequests().get("memory")));
    }

    @Test
    void runsAsTheImagesNonRootUserOnAReadOnlyRoot() {
        var pod = one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as("user huren of deploy/image/base-image.sh")
                .isEqualTo(10001L);
        assertThat(huren().getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(huren().getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void credentialsComeFromSecretsAndTheDemoIsOff() {
        Container huren = huren();
        Map<String, EnvVar> env = huren.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            var ref = env.get(name).getValueFrom().getSecretKeyRef();
            assertThat(ref).as(name + " from a Secret").isNotNull();
            assertThat(secret(ref.getName()).getStringData()).as(name + ": key " + ref.getKey())
                    .containsKey(ref.getKey());
        }
        assertThat(env.get("HUREN_NODE_ID").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");

        String configMapName = huren.getEnvFrom().get(0).getConfigMapRef().getName();
        ConfigMap config = objectsOf(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(configMapName)).findFirst().orElseThrow();
        assertThat(config.getData()).containsEntry("HUREN_DEMO_ENABLED", "false")
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native")
                .containsKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        assertThat(config.getData().keySet()).as("no credential in the ConfigMap")
                .noneMatch(key -> key.contains("PASSWORD") || key.contains("SECRET"));
    }

    @Test
    void serviceAndIngressReachTheNodesOverTls() {
        Service service = one(Service.class);
        assertThat(one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).allSatisfy(port ->
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));

        Ingress ingress = one(Ingress.class);
        var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertThat(backend.getName()).isEqualTo(service.getMetadata().getName());
        assertThat(service.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName())
                .isEqualTo(backend.getPort().getName()));
        assertThat(ingress.getSpec().getTls().get(0).getHosts())
                .contains(ingress.getSpec().getRules().get(0).getHost());
        assertThat(Quantity.getAmountInBytes(new Quantity(ingress.getMetadata().getAnnotations()
                .get("nginx.ingress.kubernetes.io/proxy-body-size").replace("m", "Mi"))).longValue())
                .as("the proxy lets through what HuRen accepts (HUREN_LIMITS_REQUEST_BYTES, 16 MB)")
                .isGreaterThan(16L * 1024 * 1024);
    }

    @Test
    void cloudNativePgClusterTakesItsOwnerFromHurensDatabaseSecret() {
        JsonNode document = Manifests.documents(K8S.resolve("postgres-cnpg.yaml")).get(0);
        CloudNativePgCluster cluster = Manifests.typed(document, CloudNativePgCluster.class);
        var initdb = cluster.spec().bootstrap().initdb();
        assertThat(cluster.spec().instances()).isGreaterThanOrEqualTo(1);
        assertThat(cluster.spec().storage().size()).isNotBlank();
        Secret owner = secret(initdb.secret().name());
        assertThat(owner.getType()).as("CloudNativePG wants a basic-auth Secret").isEqualTo("kubernetes.io/basic-auth");
        assertThat(owner.getStringData()).containsEntry("username", initdb.owner())
                .containsEntry("url", "jdbc:postgresql://" + cluster.metadata().getName() + "-rw:5432/"
                        + initdb.database());
    }

    private Container huren() {
        return one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("huren")).findFirst().orElseThrow();
    }

    private Secret secret(String name) {
        return objectsOf(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Secret " + name + " in deploy/k8s"));
    }

    private <T extends HasMetadata> T one(Class<T> type) {
        List<T> all = objectsOf(type);
        assertThat(all).as(type.getSimpleName()).hasSize(1);
        return all.get(0);
    }

    private <T extends HasMetadata> List<T> objectsOf(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String path(Probe probe) {
        return probe.getHttpGet().getPath();
    }

    private static JsonNode yaml(String text) {
        try {
            return Manifests.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
