package org.huren.api.web;

import org.huren.api.support.Workbooks;
import org.huren.domain.common.DomainRuleViolation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV and XLSX uploads read the same: header by name, rows numbered as the spreadsheet numbers them. */
class SpreadsheetUploadTest {

    @Test
    void aCsvWithABomAndChineseHeadersIsReadRowByRow() {
        String csv = "\uFEFF项目代码,项目名称,单位,互认项目\nGLU,葡萄糖,mmol/L,GLU\n\n\"K\",\" 钾 \",mmol/L,K\n";
        SpreadsheetUpload upload = SpreadsheetUpload.read(csv.getBytes(StandardCharsets.UTF_8),
                "text/csv;charset=UTF-8", 10);
        assertThat(upload.header()).containsExactly("项目代码", "项目名称", "单位", "互认项目");
        assertThat(upload.rows()).extracting(SpreadsheetUpload.Row::number).containsExactly(2, 4);
        assertThat(upload.rows().get(1).get("项目名称")).isEqualTo("钾");
        assertThat(upload.column("code", "项目代码")).contains("项目代码");
        assertThat(upload.column("Item Code", "item_code")).isEmpty();
    }

    @Test
    void anXlsxWorkbookIsReadFromItsFirstSheetUnderItsTitleRow() {
        byte[] xlsx = Workbooks.xlsx("/localcodes/lis-item-codes.csv", "检验项目对照", "某某医院检验科 项目代码对照表");
        SpreadsheetUpload upload = SpreadsheetUpload.read(xlsx, SpreadsheetUpload.XLSX, 100);
        assertThat(upload.header()).containsExactly("项目代码", "项目名称", "单位", "互认项目", "备注");
        // title on row 1, a blank row 2, the header on row 3: data from row 4
        assertThat(upload.rows()).hasSize(44);
        assertThat(upload.rows().get(0).number()).isEqualTo(4);
        assertThat(upload.rows().get(0).cells()).containsEntry("项目代码", "GLU").containsEntry("单位", "mmol/L");
        SpreadsheetUpload.Row wbc = upload.rows().stream().filter(r -> "WBC".equals(r.get("项目代码"))).findFirst()
                .orElseThrow();
        assertThat(wbc.get("单位")).isEqualTo("×10^9/L");
        SpreadsheetUpload.Row globulin = upload.rows().stream().filter(r -> "GLB".equals(r.get("项目代码")))
                .findFirst().orElseThrow();
        assertThat(globulin.get("互认项目")).isNull();
    }

    @Test
    void numbersInCellsReadAsTheyAreShown() {
        byte[] xlsx = Workbooks.xlsx(List.of(List.of("序号", "单位", "LOINC"), List.of("7", "g/L", "1751-7"),
                List.of("8", "g/L", "0.5")), "Sheet1", null);
        SpreadsheetUpload upload = SpreadsheetUpload.read(xlsx, SpreadsheetUpload.XLSX, 10);
        assertThat(upload.rows()).extracting(r -> r.get("序号")).containsExactly("7", "8");
        assertThat(upload.rows().get(1).get("LOINC")).isEqualTo("0.5");
    }

    @Test
    void whatCannotBeReadIsRefusedNamingTheBody() {
        assertThatThrownBy(() -> SpreadsheetUpload.read("not a zip".getBytes(StandardCharsets.UTF_8),
                SpreadsheetUpload.XLSX, 10)).isInstanceOfSatisfying(DomainRuleViolation.class, e -> {
                    assertThat(e.rule()).isEqualTo("unreadable-upload");
                    assertThat(e.field()).isEqualTo("body");
                });
        assertThatThrownBy(() -> SpreadsheetUpload.read("only\n".getBytes(StandardCharsets.UTF_8), "text/csv", 10))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("empty-upload"));
        String tooLong = "a,b\n" + "1,2\n".repeat(11);
        assertThatThrownBy(() -> SpreadsheetUpload.read(tooLong.getBytes(StandardCharsets.UTF_8), "text/csv", 10))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("too-many-rows"));
    }
}
