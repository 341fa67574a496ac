package org.huren.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.Map;

/**
 * The part of CloudNativePG's {@code postgresql.cnpg.io/v1} {@code Cluster} that postgres-cnpg.yaml uses, field
 * names as in its API reference: read strictly ({@link Manifests#typed}), a misspelt or invented field fails the
 * build. The operator's CRD is not packaged here, hence this small model instead of its full schema.
 */
record CloudNativePgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(Integer instances, String imageName, String primaryUpdateStrategy, Boolean enableSuperuserAccess,
                Bootstrap bootstrap, Postgresql postgresql, Storage storage, ResourceRequirements resources) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, SecretRef secret) {
    }

    record SecretRef(String name) {
    }

    record Postgresql(Map<String, String> parameters) {
    }

    record Storage(String size, String storageClass) {
    }
}
