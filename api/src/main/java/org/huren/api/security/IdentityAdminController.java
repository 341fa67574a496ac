package org.huren.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.huren.api.web.openapi.Creates;
import org.huren.api.web.ReadsFrom;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.huren.api.web.ApiProblems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The embedded authorization server's clients and users, for administrators (role ADMIN): an LIS client for a
 * member lab, a user with their roles, lab and alliances. With an external issuer these are managed there.
 */
@RestController
@RequestMapping("/api/admin")
@Conditional(ExternalIssuer.Absent.class)
public class IdentityAdminController {

    private final Identities identities;

    public IdentityAdminController(Identities identities) {
        this.identities = identities;
    }

    /** A machine client: an LIS (role LIS and its lab), or an operator's tool. */
    @Schema(example = """
            {"clientId": "lis-jc-chc1", "roles": ["LIS"], "lab": "JC-CHC1"}""")
    public record NewClient(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,100}") String clientId,
                            @NotEmpty List<Role> roles, @Size(max = 64) String lab, List<String> alliances) {
    }

    /** A person: their roles, the lab they work at and the alliances they act in. */
    @Schema(example = """
            {"username": "wangfang", "password": "change-me-2025", "displayName": "王芳", "roles": ["AUDITOR",
            "QC_MANAGER"], "alliances": ["jiangcheng"]}""")
    public record NewUser(@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{3,100}") String username,
                          @NotBlank @Size(min = 8, max = 200) String password, @Size(max = 200) String displayName,
                          @NotEmpty List<Role> roles, @Size(max = 64) String lab, List<String> alliances) {
    }

    @PostMapping("/clients")
    @ReadsFrom({})
    @Operation(summary = "Register a machine client (client credentials); its secret is answered this once")
    @Creates(value = "The client is registered; the answer holds its secret, shown this once",
            location = "/api/admin/clients/{clientId}", repeat = "")
    public ResponseEntity<?> addClient(@Valid @RequestBody NewClient client) {
        if (lacksLab(client.roles(), client.lab())) {
            return labRequired();
        }
        String secret = identities.addMachineClient(client.clientId(), null, client.roles(), client.lab(),
                client.alliances() == null ? List.of() : client.alliances());
        if (secret == null) {
            return conflict("client " + client.clientId() + " exists");
        }
        return ResponseEntity.created(URI.create("/api/admin/clients/" + client.clientId())).body(Map.of(
                "clientId", client.clientId(),
                "clientSecret", secret, "tokenEndpoint", "/oauth2/token"));
    }

    @PostMapping("/users")
    @ReadsFrom({})
    @Operation(summary = "Add a user of the embedded authorization server")
    @Creates(value = "The user is added", location = "/api/admin/users/{username}", repeat = "")
    public ResponseEntity<?> addUser(@Valid @RequestBody NewUser user) {
        if (lacksLab(user.roles(), user.lab())) {
            return labRequired();
        }
        boolean added = identities.addUser(user.username(), user.password(),
                user.displayName() == null ? user.username() : user.displayName(), user.roles(), user.lab(),
                user.alliances() == null ? List.of() : user.alliances());
        if (!added) {
            return conflict("user " + user.username() + " exists");
        }
        return ResponseEntity.created(URI.create("/api/admin/users/" + user.username()))
                .body(Map.of("username", user.username()));
    }

    @GetMapping("/clients/{clientId}")
    @ReadsFrom({})
    @Operation(summary = "A machine client: its roles, lab and alliances (its secret is never shown again)")
    public Identities.MachineClient client(@PathVariable String clientId) {
        return identities.machineClient(clientId)
                .orElseThrow(() -> new ApiProblems.NotFound("clientId", "no machine client " + clientId));
    }

    @GetMapping("/users/{username}")
    @ReadsFrom({})
    @Operation(summary = "A user: display name, roles, lab and alliances")
    public HurenUsers.HurenUser user(@PathVariable String username) {
        return identities.user(username)
                .orElseThrow(() -> new ApiProblems.NotFound("username", "no user " + username));
    }

    private static boolean lacksLab(List<Role> roles, String lab) {
        boolean labRole = roles.contains(Role.LIS) || roles.contains(Role.CLINICIAN) || roles.contains(Role.LAB_STAFF);
        return labRole && (lab == null || lab.isBlank());
    }

    private static ResponseEntity<String> labRequired() {
        return problem(HttpStatus.BAD_REQUEST, "lab-required", "lab",
                "roles LIS, CLINICIAN and LAB_STAFF act for a member lab: name it");
    }

    private static ResponseEntity<String> conflict(String detail) {
        return problem(HttpStatus.CONFLICT, "exists", null, detail);
    }

    private static ResponseEntity<String> problem(HttpStatus status, String rule, String field, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblems.json(status.value(), rule, field, detail));
    }
}
