import{u as a,a as s,b as l,c as t,d as i,e as n,f as $,g as e}from"./echarts-BCSeuNAU.js";a([s,l,t,i,n,$,e]);const c={animation:!1};export{c};
