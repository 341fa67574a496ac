package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.huren.domain.common.Identifier;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;

import java.util.List;
import java.util.Locale;

/** The labs HuRen knows, as FHIR Organizations whose id is the lab's HuRen code. */
public class OrganizationResourceProvider implements IResourceProvider {

    private final LabDirectory labs;

    public OrganizationResourceProvider(LabDirectory labs) {
        this.labs = labs;
    }

    @Override
    public Class<Organization> getResourceType() {
        return Organization.class;
    }

    @Read
    public Organization read(@IdParam IdType id) {
        return labs.byCode(id.getIdPart()).map(OrganizationResourceProvider::toOrganization)
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Organization> search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
                                     @OptionalParam(name = Organization.SP_IDENTIFIER) TokenParam identifier,
                                     @OptionalParam(name = Organization.SP_NAME) StringParam name) {
        List<String> ids = ObservationResourceProvider.ids(id);
        return labs.all().stream()
                .filter(lab -> ids.isEmpty() || ids.contains(lab.code()))
                .filter(lab -> identifier == null || lab.hasIdentifier(identifier.getSystem(), identifier.getValue()))
                .filter(lab -> name == null
                        || lab.name().toLowerCase(Locale.ROOT).contains(name.getValue().toLowerCase(Locale.ROOT)))
                .map(OrganizationResourceProvider::toOrganization)
                .toList();
    }

    static Organization toOrganization(MemberLab lab) {
        Organization organization = new Organization();
        organization.setId(new IdType("Organization", lab.code()));
        organization.setName(lab.name());
        organization.setActive(lab.maySubmit());
        for (Identifier identifier : lab.identifiers()) {
            organization.addIdentifier().setSystem(identifier.system()).setValue(identifier.value());
        }
        organization.addType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/organization-type")
                .setCode("prov").setDisplay("Healthcare Provider");
        return organization;
    }
}
