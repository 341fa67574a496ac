package org.huren.domain.assessment;

/** The 11 dimensions of an on-site assessment (现场评估) or audit checklist, as the alliance practises them. */
public enum Dimension {
    PERSONNEL("人员资质"),
    LAB_MANAGEMENT("实验室管理"),
    ITEM_ADMISSION("项目准入"),
    QUALITY_SYSTEM("质量管理体系"),
    REPORT_FORMAT("报告格式"),
    INSTRUMENTS("仪器设备管理"),
    EQA("室间质评"),
    IQC("室内质控"),
    INFORMATION_SYSTEM("信息系统"),
    REAGENTS("试剂管理"),
    OTHER("其他");

    private final String nameZh;

    Dimension(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
