"""The only place a disclosure record changes state (records-module.md): one file per
procedure — ``releases`` (目录、主动公开、政策解读), ``requests`` (依申请公开 from receipt to
reply), ``fees`` (信息处理费), ``documents`` (numbers of the documents sent)."""
