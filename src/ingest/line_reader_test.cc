// local stub: the skeleton commit lacks this file
